package dev.gauntlet.cli;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.CsvRead;
import dev.gauntlet.data.Table;
import java.io.PrintWriter;
import java.nio.file.Path;

/** How every command reads a CSV file: notices on stderr, a header without rows refused. */
final class CsvInput {
  private CsvInput() {}

  /**
   * Reads a file with rows, printing what the reader decided (a delimiter other than a comma, cells
   * that are not numbers) on {@code err}.
   *
   * @throws dev.gauntlet.UserInputException when the file cannot be read or has no rows
   */
  static Table read(Path file, CsvOptions options, PrintWriter err) {
    CsvRead read = Csv.readWithNotices(file, options);
    notify(read, err);
    return read.requireRows();
  }

  /** Prints the reader's notices, one a line. */
  static void notify(CsvRead read, PrintWriter err) {
    for (String notice : read.notices()) {
      err.println("gauntlet: " + notice);
    }
    err.flush();
  }
}
