package dev.gauntlet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.CategoricalFidelity;
import dev.gauntlet.metrics.ColumnFidelity;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.NumericFidelity;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spark.SparkFidelity.CategoricalFigures;
import dev.gauntlet.spark.SparkFidelity.ColumnFigures;
import dev.gauntlet.spark.SparkFidelity.NumericFigures;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Spark's per-column figures against the local compare's ({@link Fidelity#compare}) on shipped
 * tables. The figures are sums and maxima of the same doubles in another order (partitions), so
 * they agree to a few ulps; 1e-9 is far above that and far below any real difference.
 */
class SparkFidelityTest {
  static final Path DATA = Path.of("..", "examples", "data");
  static final double TOLERANCE = 1e-9;

  static SparkSession spark() {
    return SharedSpark.session();
  }

  @Test
  void telcoAgainstItsCopulaSampleGivesTheLocalFigures() {
    Table telco = Csv.read(DATA.resolve("telco_churn.csv"));
    Generator copula =
        Registry.generators().get("gaussian-copula").fit(telco, Map.of(), Seed.of(7));
    Table synthetic = copula.sample(Seed.of(8), 9_000);
    assertSameAsLocal(telco, synthetic, 3);
  }

  @Test
  void penguinsHalvesWithMissingCellsOnBothKindsGiveTheLocalFigures() {
    Table penguins = Csv.read(DATA.resolve("penguins.csv"));
    int half = penguins.rowCount() / 2;
    // the file is ordered by species, so the halves differ: a drift-like comparison
    assertSameAsLocal(penguins.slice(0, half), penguins.slice(half, penguins.rowCount()), 2);
  }

  @Test
  void aColumnEmptyOnOneSideHasNoDistanceAsLocally() {
    Table real =
        Table.builder()
            .numeric("x", 1, 2, Double.NaN, 4)
            .categorical("c", "a", null, "b", "a")
            .build();
    Table other =
        Table.builder()
            .numeric("x", Double.NaN, Double.NaN, Double.NaN)
            .categorical("c", null, null, null)
            .build();
    SparkFidelity.Figures f =
        SparkFidelity.compare(Frames.of(spark(), real, 2), Frames.of(spark(), other, 2));
    NumericFigures x = (NumericFigures) f.columns().get("x");
    assertThat(x.nReal()).isEqualTo(3);
    assertThat(x.nOther()).isZero();
    assertThat(x.missingShareReal()).isEqualTo(0.25);
    assertThat(x.missingShareOther()).isEqualTo(1.0);
    assertThat(x.ksStatistic()).isNaN();
    assertThat(x.wasserstein()).isNaN();
    assertThat(x.shapeScore()).isNaN();
    assertThat(x.meanReal()).isEqualTo(7.0 / 3);
    assertThat(x.meanOther()).isNaN();
    CategoricalFigures c = (CategoricalFigures) f.columns().get("c");
    assertThat(c.missingShareReal()).isEqualTo(0.25);
    assertThat(c.shapeScore()).isNaN();
    assertThat(c.fidelity().countsReal()).containsExactly(2, 1);
    assertThat(c.fidelity().countsSynthetic()).containsExactly(0, 0);
  }

  @Test
  void aColumnOfTwoKindsIsRefusedByName() {
    Dataset<Row> numbers = Frames.of(spark(), Table.builder().numeric("x", 1, 2).build(), 1);
    Dataset<Row> texts = Frames.of(spark(), Table.builder().categorical("x", "1", "2").build(), 1);
    assertThatThrownBy(() -> SparkFidelity.compare(numbers, texts))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("column \"x\"")
        .hasMessageContaining("double in the real table and string in the other");
  }

  static void assertSameAsLocal(Table real, Table other, int partitions) {
    Fidelity local = Fidelity.compare(real, other);
    SparkFidelity.Figures spark =
        SparkFidelity.compare(
            Frames.of(spark(), real, partitions), Frames.of(spark(), other, partitions));
    assertThat(spark.rowsReal()).isEqualTo(real.rowCount());
    assertThat(spark.rowsOther()).isEqualTo(other.rowCount());
    assertThat(spark.columns().keySet()).containsExactlyElementsOf(local.columns().keySet());
    for (Map.Entry<String, ColumnFidelity> e : local.columns().entrySet()) {
      String name = e.getKey();
      ColumnFigures figures = spark.columns().get(name);
      assertThat(figures.missingShareReal())
          .as(name)
          .isEqualTo((double) real.column(name).missingCount() / real.rowCount());
      assertThat(figures.missingShareOther())
          .as(name)
          .isEqualTo((double) other.column(name).missingCount() / other.rowCount());
      if (e.getValue() instanceof NumericFidelity n) {
        NumericFigures s = (NumericFigures) figures;
        assertThat(s.nReal()).as(name).isEqualTo(n.nReal());
        assertThat(s.nOther()).as(name).isEqualTo(n.nSynthetic());
        assertThat(s.meanReal()).as(name).isCloseTo(n.meanReal(), within(TOLERANCE));
        assertThat(s.meanOther()).as(name).isCloseTo(n.meanSynthetic(), within(TOLERANCE));
        assertThat(s.stdReal()).as(name).isCloseTo(n.stdReal(), within(TOLERANCE));
        assertThat(s.stdOther()).as(name).isCloseTo(n.stdSynthetic(), within(TOLERANCE));
        assertThat(s.ksStatistic()).as(name).isCloseTo(n.ks().statistic(), within(TOLERANCE));
        assertThat(s.shapeScore()).as(name).isCloseTo(n.shapeScore(), within(TOLERANCE));
        assertThat(s.wasserstein()).as(name).isCloseTo(n.wasserstein(), within(TOLERANCE));
      } else {
        CategoricalFidelity c = (CategoricalFidelity) e.getValue();
        CategoricalFidelity s = ((CategoricalFigures) figures).fidelity();
        // from the same counts the library computes the same doubles: equal, not just close
        assertThat(s.categories()).as(name).isEqualTo(c.categories());
        assertThat(s.countsReal()).as(name).isEqualTo(c.countsReal());
        assertThat(s.countsSynthetic()).as(name).isEqualTo(c.countsSynthetic());
        assertThat(s.tvDistance()).as(name).isEqualTo(c.tvDistance());
        assertThat(s.shapeScore()).as(name).isEqualTo(c.shapeScore());
        assertThat(s.jsDistance()).as(name).isEqualTo(c.jsDistance());
        assertThat(s.chi2()).as(name).isEqualTo(c.chi2());
        assertThat(s.psi().value()).as(name).isEqualTo(c.psi().value());
      }
    }
    // the comparison is not vacuous: both kinds of column, and some distance to find
    assertThat(spark.columns().values()).hasAtLeastOneElementOfType(NumericFigures.class);
    assertThat(spark.columns().values()).hasAtLeastOneElementOfType(CategoricalFigures.class);
    assertThat(
            spark.columns().values().stream()
                .filter(NumericFigures.class::isInstance)
                .mapToDouble(f -> ((NumericFigures) f).wasserstein())
                .max()
                .orElseThrow())
        .isPositive();
  }
}
