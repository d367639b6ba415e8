package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.CsvOptions;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say how a command reads CSV files: forced column types, the delimiter. */
final class ColumnTypeOptions {
  @Mixin DelimiterOption delimiter = new DelimiterOption();

  @Option(
      names = "--categorical",
      split = ",",
      paramLabel = "COLUMN",
      description =
          "Read these columns as categorical (e.g. a 0/1-coded column, or dates to be compared"
              + " as levels).")
  List<String> categorical = List.of();

  @Option(
      names = "--numeric",
      split = ",",
      paramLabel = "COLUMN",
      description =
          "Read these columns as numeric; a value that is not a number is read as missing (and"
              + " listed on stderr).")
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
    CsvOptions options = CsvOptions.defaults().withDelimiter(delimiter.value());
    for (String c : categorical) {
      options = options.withType(c, ColumnType.CATEGORICAL);
    }
    for (String c : numeric) {
      options = options.withType(c, ColumnType.NUMERIC);
    }
    return options;
  }
}
