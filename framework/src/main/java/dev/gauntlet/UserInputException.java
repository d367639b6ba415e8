package dev.gauntlet;

import java.util.Objects;

/**
 * A problem with what the user gave Gauntlet (a file, a column name, a value), as opposed to a bug.
 * It carries everything a user needs to act: where, what was found, what was expected, and how to
 * fix it. The CLI prints {@link #getMessage()} alone and exits with code 2.
 *
 * <pre>
 * credit.csv:12 (column "age")
 *   found:    "forty"
 *   expected: a number, since the column is numeric
 *   fix:      correct the value, or force the column categorical
 * </pre>
 */
public final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String where;
  private final String found;
  private final String expected;
  private final String fix;

  /**
   * @param where the place: a file with line (and column) and a path inside it, or an option name
   * @param found what was there, quoted where it is user text
   * @param expected what would have been accepted
   * @param fix how to resolve it
   */
  public UserInputException(String where, String found, String expected, String fix) {
    this(where, found, expected, fix, null);
  }

  public UserInputException(
      String where, String found, String expected, String fix, Throwable cause) {
    super(format(where, found, expected, fix), cause);
    this.where = Objects.requireNonNull(where, "where");
    this.found = Objects.requireNonNull(found, "found");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.fix = Objects.requireNonNull(fix, "fix");
  }

  private static String format(String where, String found, String expected, String fix) {
    return where
        + System.lineSeparator()
        + "  found:    "
        + found
        + System.lineSeparator()
        + "  expected: "
        + expected
        + System.lineSeparator()
        + "  fix:      "
        + fix;
  }

  public String where() {
    return where;
  }

  public String found() {
    return found;
  }

  public String expected() {
    return expected;
  }

  public String fix() {
    return fix;
  }

  /** Quotes user text for a message: {@code "ages"}, with quotes and backslashes escaped. */
  public static String quote(String text) {
    if (text == null) {
      return "(missing)";
    }
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
