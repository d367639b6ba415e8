package dev.gauntlet.data;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
    Table real = Csv.read(realFile, options);
    Table synthetic = Csv.read(syntheticFile, options);
    for (String name : exclude) {
      if (!real.schema().contains(name) && !synthetic.schema().contains(name)) {
        throw new UserInputException(
            "--exclude " + quote(name), "no column of that name in either file",
            "one of " + real.schema().names(), "use one of the listed names");
      }
    }
    real = dropPresent(real, exclude);
    synthetic = dropPresent(synthetic, exclude);

    Set<String> a = new TreeSet<>(real.schema().names());
    Set<String> b = new TreeSet<>(synthetic.schema().names());
    if (!a.equals(b)) {
      Set<String> onlyReal = new TreeSet<>(a);
      onlyReal.removeAll(b);
      Set<String> onlySynthetic = new TreeSet<>(b);
      onlySynthetic.removeAll(a);
      throw new UserInputException(
          realFile + " and " + syntheticFile,
          "columns only in the first: " + onlyReal + "; only in the second: " + onlySynthetic,
          "the same column names in both files (order may differ)",
          "rename the columns to match, or leave them out with --exclude");
    }
    synthetic = synthetic.select(real.schema().names());

    List<String> mixed = new ArrayList<>();
    for (String name : real.schema().names()) {
      if (real.schema().spec(name).type() != synthetic.schema().spec(name).type()) {
        mixed.add(name);
      }
    }
    if (!mixed.isEmpty()) {
      CsvOptions forced = options;
      for (String name : mixed) {
        forced = forced.withType(name, ColumnType.CATEGORICAL);
      }
      return read(realFile, syntheticFile, forced, exclude);
    }
    return new TablePair(real, synthetic);
  }

  private static Table dropPresent(Table t, Collection<String> names) {
    return t.drop(names.stream().filter(t.schema()::contains).toArray(String[]::new));
  }
}
