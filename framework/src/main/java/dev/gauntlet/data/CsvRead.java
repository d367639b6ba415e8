package dev.gauntlet.data;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table read from CSV with what the reader decided on the way: the field delimiter (detected or
 * given) and the cells that are not numbers in nearly numeric or forced numeric columns.
 *
 * @param table the table
 * @param source the name of what was read, usually the file path
 * @param delimiter the field delimiter used
 * @param delimiterDetected whether the delimiter was detected (else it was given)
 * @param notNumbers per column, in column order: the cells that are not numbers where that is worth
 *     a warning
 */
public record CsvRead(
    Table table,
    String source,
    char delimiter,
    boolean delimiterDetected,
    List<NotNumbers> notNumbers) {
  public CsvRead {
    notNumbers = List.copyOf(notNumbers);
  }

  /** A cell as read: its text and the line where its record starts. */
  public record Cell(String text, long line) {}

  /**
   * Cells of a column that are not numbers: in a column read as categorical though at most 1 % of
   * its values are not numbers, or in a column forced numeric (where they are read as missing).
   *
   * @param column the column name
   * @param forcedNumeric whether the column was forced numeric (the cells were read as missing)
   * @param count how many non-empty cells are not numbers
   * @param ofValues how many non-empty cells the column has
   * @param first the first few of those cells
   */
  public record NotNumbers(
      String column, boolean forcedNumeric, long count, long ofValues, List<Cell> first) {
    public NotNumbers {
      first = List.copyOf(first);
    }

    /**
     * The warning, such as {@code annual_inc: 1 value of 40,000 is not a number: "N/A" at line
     * 18,342; --numeric annual_inc reads it as missing}.
     */
    public String message() {
      StringBuilder s = new StringBuilder();
      s.append(column).append(": ").append(grouped(count));
      s.append(count == 1 ? " value of " : " values of ").append(grouped(ofValues));
      s.append(count == 1 ? " is not a number: " : " are not numbers: ");
      List<String> cells = new ArrayList<>();
      for (Cell c : first) {
        cells.add(quote(c.text()) + " at line " + grouped(c.line()));
      }
      s.append(String.join(", ", cells));
      if (count > first.size()) {
        s.append(", ...");
      }
      if (forcedNumeric) {
        s.append("; read as missing (--numeric)");
      } else {
        s.append("; --numeric ")
            .append(column)
            .append(count == 1 ? " reads it as missing" : " reads them as missing");
      }
      return s.toString();
    }
  }

  /** What to tell the user: the delimiter when it is not a comma, then the warnings. */
  public List<String> notices() {
    List<String> out = new ArrayList<>();
    if (delimiter != ',') {
      out.add(
          source
              + ": fields separated by "
              + delimiterName(delimiter)
              + (delimiterDetected ? " (detected; --delimiter sets another)" : ""));
    }
    for (NotNumbers n : notNumbers) {
      out.add(source + ": " + n.message());
    }
    return out;
  }

  /**
   * The table, when it has rows.
   *
   * @throws UserInputException when the file has a header and no rows
   */
  public Table requireRows() {
    if (table.rowCount() == 0) {
      throw new UserInputException(
          source,
          "a header and no rows",
          "at least one data row under the header " + table.schema().names(),
          "add rows to the file (or give the file that holds them)");
    }
    return table;
  }

  /** A delimiter as written in messages: {@code ';' (semicolon)}, {@code tab}. */
  public static String delimiterName(char c) {
    return switch (c) {
      case ',' -> "',' (comma)";
      case ';' -> "';' (semicolon)";
      case '\t' -> "tab";
      case '|' -> "'|' (pipe)";
      default -> "'" + c + "'";
    };
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
