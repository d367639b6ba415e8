package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import picocli.CommandLine.Option;

/** {@code --delimiter}: the field delimiter of the CSV files a command reads (else detected). */
final class DelimiterOption {
  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description =
          "The CSV field delimiter: one character, or tab (default: detected from the header and"
              + " first rows among , ; tab and |; said on stderr when it is not a comma).")
  String delimiter;

  /**
   * The delimiter given, or null to detect it.
   *
   * @throws UserInputException when it is not one character (or {@code tab})
   */
  Character value() {
    if (delimiter == null) {
      return null;
    }
    String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
    if (d.length() != 1 || d.equals("\"") || d.equals("\n") || d.equals("\r")) {
      throw new UserInputException(
          "--delimiter " + UserInputException.quote(delimiter),
          d.length() != 1 ? "not one character" : "a quote or line break",
          "one character that separates fields, such as , ; | or tab",
          "give the character between the fields of a row, e.g. --delimiter ';'");
    }
    return d.charAt(0);
  }
}
