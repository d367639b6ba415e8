package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.CsvOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that force column types when a command reads CSV files. */
final class ColumnTypeOptions {

  @Option(
      names = "--categorical",
      split = ",",
      paramLabel = "COLUMN",
      description = "Read these columns as categorical (e.g. a 0/1-coded column).")
  List<String> categorical = List.of();

  @Option(
      names = "--numeric",
      split = ",",
      paramLabel = "COLUMN",
      description = "Read these columns as numeric; a value that is not a number is an error.")
  List<String> numeric = List.of();

  /**
   * CSV options with these forced types.
   *
   * @throws UserInputException when a column is named in both options
   */
  CsvOptions toCsvOptions() {
    for (String c : numeric) {
      if (categorical.contains(c)) {
        throw new UserInputException(
            "--numeric " + c + " and --categorical " + c,
            "one column forced to both types",
            "each column in at most one of --numeric and --categorical",
            "keep " + UserInputException.quote(c) + " in the option with the type you mean");
      }
    }
    CsvOptions options = CsvOptions.defaults();
    for (String c : categorical) {
      options = options.withType(c, ColumnType.CATEGORICAL);
    }
    for (String c : numeric) {
      options = options.withType(c, ColumnType.NUMERIC);
    }
    return options;
  }
}
