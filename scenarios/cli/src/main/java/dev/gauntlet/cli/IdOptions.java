package dev.gauntlet.cli;

import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --id} and {@code --not-id}: which columns of the data read are ids (see IdColumns). */
final class IdOptions {

  @Option(
      names = "--id",
      split = ",",
      paramLabel = "COLUMN",
      description =
          "Treat these columns as ids whatever their content: kept in outputs, left out of every"
              + " figure and model.")
  List<String> ids = List.of();

  @Option(
      names = "--not-id",
      split = ",",
      paramLabel = "COLUMN",
      description =
          "Never treat these columns as ids. By default a categorical column with distinct values"
              + " in at least 95%% of at least 50 rows is one.")
  List<String> notIds = List.of();

  /** Marks the table's ids by these options and says on {@code err} which they are and why. */
  IdColumns.Marked mark(Table table, PrintWriter err) {
    IdColumns.Marked marked = IdColumns.mark(table, ids, notIds);
    String text = describe(marked);
    if (!text.isEmpty()) {
      err.println(text);
      err.flush();
    }
    return marked;
  }

  /**
   * One line per id column and per column kept as data against the detection; empty when there are
   * none.
   */
  static String describe(IdColumns.Marked marked) {
    List<String> lines = new ArrayList<>();
    for (IdColumns.IdColumn id : marked.ids()) {
      String why =
          id.reason() == IdColumns.Reason.DECLARED
              ? "declared (--id)"
              : String.format(
                  Locale.ROOT,
                  "detected: %,d distinct values in %,d rows; --not-id %s uses it as data",
                  id.distinct(),
                  id.values(),
                  id.column());
      lines.add(
          "id column "
              + id.column()
              + ": kept in outputs, left out of every figure and model ("
              + why
              + ")");
    }
    for (String kept : marked.kept()) {
      lines.add("column " + kept + " looks like an id but is used as data (--not-id)");
    }
    return String.join(System.lineSeparator(), lines);
  }
}
