package dev.gauntlet.model;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Table;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Tables the model tests share. */
final class TestTables {
  static final String IRIS_LABEL = "species";

  private TestTables() {}

  /** Fisher's iris (a copy of examples/data/iris.csv), species marked as the label. */
  static Table iris() {
    try (Reader in =
        new InputStreamReader(
            Objects.requireNonNull(TestTables.class.getResourceAsStream("iris.csv")),
            StandardCharsets.UTF_8)) {
      return Csv.read(in, "iris.csv", CsvOptions.defaults().withLabel(IRIS_LABEL));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String PENGUINS_LABEL = "body_mass_g";

  /**
   * The Palmer penguins (a copy of examples/data/penguins.csv) without the rows missing a value,
   * body mass marked as the label: 333 rows, in file order.
   */
  static Table penguinsComplete() {
    Table all;
    try (Reader in =
        new InputStreamReader(
            Objects.requireNonNull(TestTables.class.getResourceAsStream("penguins.csv")),
            StandardCharsets.UTF_8)) {
      all = Csv.read(in, "penguins.csv", CsvOptions.defaults().withLabel(PENGUINS_LABEL));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.filter(
        r -> all.schema().names().stream().noneMatch(c -> all.column(c).isMissing(r)));
  }

  /**
   * The reference predictions of regression_reference.py, one array per model column ({@code
   * linear}, {@code ridge_10}, {@code tree_4_5}, {@code tree_8_5}), by row of {@link
   * #penguinsComplete()}.
   */
  static Table regressionReference() {
    try (Reader in =
        new InputStreamReader(
            Objects.requireNonNull(
                TestTables.class.getResourceAsStream("regression_reference.csv")),
            StandardCharsets.UTF_8)) {
      return Csv.read(in, "regression_reference.csv", CsvOptions.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Iris without setosa: versicolor against virginica, 100 rows. */
  static Table irisTwoClasses() {
    Table iris = iris();
    var species = iris.categorical(IRIS_LABEL);
    return iris.filter(r -> !species.level(r).equals("setosa"));
  }

  /** Six rows that one threshold on {@code x} separates; {@code noise} does not. */
  static Table separable() {
    return Table.builder()
        .numeric("x", 1, 2, 3, 7, 8, 9)
        .numeric("noise", 5, 1, 4, 2, 6, 3)
        .categorical("y", "a", "a", "a", "b", "b", "b")
        .role("y", ColumnRole.LABEL)
        .build();
  }
}
