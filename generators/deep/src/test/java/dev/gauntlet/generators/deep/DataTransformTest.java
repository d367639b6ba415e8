package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.JsonAt;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataTransformTest {

  static Table telco(int rows) {
    return Csv.read(Path.of("../../examples/data/telco_churn.csv")).slice(0, rows);
  }

  /** A telco slice with a missing value in one numeric and one categorical column. */
  static Table telcoWithMissing(int rows) {
    Table t = telco(rows);
    double[] charges = t.numeric("monthly_charges").values();
    charges[3] = Double.NaN;
    int[] contract = t.categorical("contract").codes();
    contract[5] = CategoricalColumn.MISSING;
    return t.withColumn(ColumnSpec.numeric("monthly_charges"), NumericColumn.of(charges))
        .withColumn(
            ColumnSpec.categorical("contract"),
            CategoricalColumn.of(contract, t.categorical("contract").levels()));
  }

  @Test
  void roundTripIsExact() {
    Table t = telcoWithMissing(1000);
    DataTransform transform = DataTransform.fit(t, 10);
    float[] encoded = transform.encode(t);
    assertThat(encoded).hasSize(1000 * transform.width());
    assertThat(transform.decode(encoded, 1000)).isEqualTo(t);
  }

  @Test
  void hugeNumbersFitToFiniteModesThatSurviveJson() {
    // squares of 1e300 overflow a double: the mixture is fitted to scaled values
    double[] x = new double[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 2 == 0 ? 1e300 : 3e300) + i * 1e297;
    }
    Table t =
        Table.of(
            dev.gauntlet.data.Schema.of(java.util.List.of(ColumnSpec.numeric("x"))),
            java.util.List.of(NumericColumn.of(x)));
    DataTransform transform =
        DataTransform.fromJson(JsonAt.root(DataTransform.fit(t, 10).toJson()));
    assertThat(transform.toJson().toString()).doesNotContain("NaN", "Infinity");
    double[] back = transform.decode(transform.encode(t), x.length).numeric("x").values();
    for (int i = 0; i < x.length; i++) {
      // encoded as float32 within a mode: about 7 significant digits come back
      assertThat(back[i]).isCloseTo(x[i], org.assertj.core.data.Percentage.withPercentage(1e-4));
    }
  }

  @Test
  void roundTripSurvivesJson() {
    Table t = telcoWithMissing(300);
    DataTransform transform =
        DataTransform.fromJson(JsonAt.root(DataTransform.fit(t, 10).toJson()));
    assertThat(transform.decode(transform.encode(t), 300)).isEqualTo(t);
  }

  @Test
  void layoutHasScalarModesAndMissingSlots() {
    Table t =
        Table.builder()
            .numeric("x", 1, 2, 3, 100, 101, 102, Double.NaN)
            .categorical("c", "a", "b", "a", "a", "b", "a", null)
            .build();
    DataTransform transform = DataTransform.fit(t, 10);
    DataTransform.ColumnCode x = transform.columns().get(0);
    assertThat(x.means().length).isBetween(2, 6);
    assertThat(x.hasMissing()).isTrue();
    assertThat(x.width()).isEqualTo(1 + x.means().length + 1);
    assertThat(transform.columns().get(1).width()).isEqualTo(3);
    assertThat(transform.width()).isEqualTo(x.width() + 3);
    assertThat(transform.spans()).hasSize(3);
    assertThat(transform.decode(transform.encode(t), t.rowCount())).isEqualTo(t);
  }

  @Test
  void outputsAreClampedAndRoundedLikeTheData() {
    Table t = Table.builder().numeric("n", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9).build();
    DataTransform transform = DataTransform.fit(t, 3);
    float[] row = new float[transform.width()];
    DataTransform.ColumnCode n = transform.columns().get(0);
    row[n.offset()] = 0.99f; // far above every mode's mean
    row[n.oneHotOffset() + n.means().length - 1] = 1;
    double v = transform.decode(row, 1).numeric("n").get(0);
    assertThat(v).isBetween(0.0, 9.0);
    assertThat(v).isEqualTo(Math.rint(v));
  }

  @Test
  void aSmallWholeNumberScaleGetsOneModePerValueWhateverTheScalar() {
    double[] scale = new double[100];
    double[] wide = new double[100];
    for (int r = 0; r < 100; r++) {
      scale[r] = 1 + (r * 7) % 4; // 1 to 4, 25 rows each
      wide[r] = r % 15; // 15 values: more than max-modes 10, so a fitted mixture
    }
    Table t = Table.builder().numeric("scale", scale).numeric("wide", wide).build();
    DataTransform transform = DataTransform.fit(t, 10, true);
    DataTransform.ColumnCode c = transform.columns().get(0);
    assertThat(c.means()).containsExactly(1, 2, 3, 4);
    assertThat(c.weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
    assertThat(transform.columns().get(1).means().length).isLessThanOrEqualTo(10);
    assertThat(transform.decode(transform.encode(t), 100)).isEqualTo(t);
    // the networks choose the value by its mode: no scalar they output moves it off the value
    for (float scalar : new float[] {-1f, -0.3f, 0.4f, 1f}) {
      for (int k = 0; k < 4; k++) {
        float[] row = new float[transform.width()];
        row[c.offset()] = scalar;
        row[c.oneHotOffset() + k] = 1;
        assertThat(transform.decode(row, 1).numeric("scale").get(0)).isEqualTo(k + 1.0);
      }
    }
    // without value modes the same column is a fitted mixture
    assertThat(DataTransform.fit(t, 10, false).columns().get(0).stds())
        .doesNotContain(DataTransform.VALUE_MODE_STD);
  }
}
