package dev.gauntlet.data;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Two tables read to be compared column by column: a real one and a synthetic (or current) one with
 * the same column names and types. A column is numeric only when it is numeric in both files (and
 * not forced categorical); the synthetic table's columns follow the real table's order.
 *
 * @param real the reference table
 * @param synthetic the table compared with it
 */
public record TablePair(Table real, Table synthetic) {

  /**
   * Reads two CSV files for comparison.
   *
   * @param options forced types and roles, applied to both files
   * @param exclude columns to drop from both before anything else
   */
  public static TablePair read(
      Path realFile, Path syntheticFile, CsvOptions options, Collection<String> exclude) {
    List<Table> tables = readAligned(List.of(realFile, syntheticFile), options, exclude);
    return new TablePair(tables.get(0), tables.get(1));
  }

  /**
   * Reads CSV files that must share their columns: the same names (in any order; the first file's
   * order is kept) and the same types, a column being numeric only when it is numeric in every
   * file.
   */
  public static List<Table> readAligned(
      List<Path> files, CsvOptions options, Collection<String> exclude) {
    return readAligned(files, options, exclude, read -> {});
  }

  /**
   * Reads CSV files as {@link #readAligned(List, CsvOptions, Collection)} does, handing each file's
   * {@link CsvRead} to {@code onRead} as it is read (once per file, before the files are matched),
   * to report what the reader decided or to refuse a file.
   */
  public static List<Table> readAligned(
      List<Path> files, CsvOptions options, Collection<String> exclude, Consumer<CsvRead> onRead) {
    List<Table> tables = new ArrayList<>();
    for (Path file : files) {
      CsvRead read = Csv.readWithNotices(file, options);
      onRead.accept(read);
      tables.add(read.table());
    }
    for (String name : exclude) {
      if (tables.stream().noneMatch(t -> t.schema().contains(name))) {
        throw new UserInputException(
            "--exclude " + quote(name), "no column of that name in any file",
            "one of " + tables.get(0).schema().names(), "use one of the listed names");
      }
    }
    tables.replaceAll(t -> dropPresent(t, exclude));

    Table first = tables.get(0);
    Set<String> a = new TreeSet<>(first.schema().names());
    for (int i = 1; i < tables.size(); i++) {
      Set<String> b = new TreeSet<>(tables.get(i).schema().names());
      if (!a.equals(b)) {
        Set<String> onlyFirst = new TreeSet<>(a);
        onlyFirst.removeAll(b);
        Set<String> onlyOther = new TreeSet<>(b);
        onlyOther.removeAll(a);
        throw new UserInputException(
            files.get(0) + " and " + files.get(i),
            "columns only in the first: " + onlyFirst + "; only in the second: " + onlyOther,
            "the same column names in both files (order may differ)",
            "rename the columns to match, or leave them out with --exclude");
      }
      tables.set(i, tables.get(i).select(first.schema().names()));
    }

    CsvOptions forced = options;
    boolean mixed = false;
    for (String name : first.schema().names()) {
      ColumnType type = first.schema().spec(name).type();
      if (tables.stream().anyMatch(t -> t.schema().spec(name).type() != type)) {
        forced = forced.withType(name, ColumnType.CATEGORICAL);
        mixed = true;
      }
    }
    if (!mixed) {
      return List.copyOf(tables);
    }
    // read again with the disagreeing columns categorical; what was reported stands
    tables.clear();
    return readAligned(files, forced, exclude, read -> {});
  }

  private static Table dropPresent(Table t, Collection<String> names) {
    return t.drop(names.stream().filter(t.schema()::contains).toArray(String[]::new));
  }
}
