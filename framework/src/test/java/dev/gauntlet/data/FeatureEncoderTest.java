package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  private static double[] row(FeatureMatrix m, int r) {
    double[] out = new double[m.cols()];
    for (int c = 0; c < m.cols(); c++) {
      out[c] = m.get(r, c);
    }
    return out;
  }

  @Test
  void standardizesWithThePopulationStandardDeviation() {
    Table fit = Table.builder().numeric("x", 1, 2, 3, 4).build();
    FeatureEncoder enc = FeatureEncoder.fit(fit);

    FeatureMatrix m = enc.transform(Table.builder().numeric("x", 1, 2.5, 10).build());

    double std = Math.sqrt(1.25); // population: sum of squares 5 over n = 4, not n - 1 = 3
    assertThat(enc.featureNames()).containsExactly("x");
    assertThat(m.rows()).isEqualTo(3);
    assertThat(m.get(0, 0)).isCloseTo(-1.5 / std, within(1e-12));
    assertThat(m.get(1, 0)).isZero();
    assertThat(m.get(2, 0)).isCloseTo(7.5 / std, within(1e-12));
    FeatureMatrix self = enc.transform(fit);
    double sum = 0;
    double sumSq = 0;
    for (int r = 0; r < 4; r++) {
      sum += self.get(r, 0);
      sumSq += self.get(r, 0) * self.get(r, 0);
    }
    assertThat(sum).isCloseTo(0, within(1e-12));
    assertThat(sumSq / 4).isCloseTo(1, within(1e-12));
  }

  @Test
  void aConstantColumnIsOnlyCentred() {
    FeatureEncoder enc = FeatureEncoder.fit(Table.builder().numeric("c", 5, 5, 5).build());

    FeatureMatrix m = enc.transform(Table.builder().numeric("c", 5, 7, 4.5).build());

    assertThat(m.data()).containsExactly(0, 2, -0.5);
  }

  @Test
  void missingIsImputedWithAnIndicatorOnlyWhenTheFitDataHadMissing() {
    Table withMissing = Table.builder().numeric("x", 2, Double.NaN, 4).build();
    Table complete = Table.builder().numeric("x", 2, 4).build();
    Table apply = Table.builder().numeric("x", Double.NaN, 4).build();

    FeatureEncoder a = FeatureEncoder.fit(withMissing);
    FeatureEncoder b = FeatureEncoder.fit(complete);

    assertThat(a.featureNames()).containsExactly("x", "x=(missing)");
    FeatureMatrix ma = a.transform(apply);
    assertThat(row(ma, 0)).containsExactly(0, 1);
    assertThat(row(ma, 1)).containsExactly(1, 0); // mean 3 and std 1 from the present values
    assertThat(b.featureNames()).containsExactly("x");
    assertThat(b.transform(apply).data()).containsExactly(0, 1);
  }

  @Test
  void oneHotMatchesLevelsByTextAcrossDictionaries() {
    Table fit = Table.builder().categorical("colour", "red", "green", "red", "blue").build();
    FeatureEncoder enc = FeatureEncoder.fit(fit);
    // another dictionary order, an unseen level, no "green"
    CategoricalColumn other =
        CategoricalColumn.of(new int[] {0, 1, 2, 1}, List.of("red", "blue", "mauve"));
    Table apply = Table.of(Schema.of(ColumnSpec.categorical("colour")), List.of(other));

    FeatureMatrix m = enc.transform(apply);

    assertThat(enc.featureNames()).containsExactly("colour=blue", "colour=green", "colour=red");
    assertThat(row(m, 0)).containsExactly(0, 0, 1);
    assertThat(row(m, 1)).containsExactly(1, 0, 0);
    assertThat(row(m, 2)).as("unseen level").containsExactly(0, 0, 0);
    assertThat(row(m, 3)).containsExactly(1, 0, 0);
  }

  @Test
  void onlyLevelsPresentWhenFittingBecomeFeatures() {
    Table fit = Table.builder().categorical("k", "a", "b", "c").build().take(new int[] {0, 2});

    assertThat(FeatureEncoder.fit(fit).featureNames()).containsExactly("k=a", "k=c");
  }

  @Test
  void aMissingCategoryEncodesAsZerosPlusAnIndicatorWhenFittedWithMissing() {
    FeatureEncoder with = FeatureEncoder.fit(Table.builder().categorical("k", "a", null).build());
    FeatureEncoder without = FeatureEncoder.fit(Table.builder().categorical("k", "a", "b").build());
    Table apply = Table.builder().categorical("k", null, "a").build();

    assertThat(with.featureNames()).containsExactly("k=a", "k=(missing)");
    assertThat(with.transform(apply).data()).containsExactly(0, 1, 1, 0);
    assertThat(without.transform(apply).data()).containsExactly(0, 0, 1, 0);
  }

  @Test
  void encodesFeatureColumnsInSchemaOrderAndIgnoresOthers() {
    Table t =
        Table.builder()
            .categorical("id", "r1", "r2")
            .categorical("k", "b", "a")
            .numeric("x", 1, 3)
            .numeric("y", 0, 1)
            .role("id", ColumnRole.ID)
            .role("y", ColumnRole.LABEL)
            .build();

    FeatureEncoder enc = FeatureEncoder.fit(t);
    FeatureMatrix m = enc.transform(t);

    assertThat(enc.columns()).containsExactly("k", "x");
    assertThat(enc.featureNames()).containsExactly("k=a", "k=b", "x");
    assertThat(m.names()).isEqualTo(enc.featureNames());
    assertThat(enc.width()).isEqualTo(3);
    assertThat(row(m, 0)).containsExactly(0, 1, -1);
    assertThat(row(m, 1)).containsExactly(1, 0, 1);
    assertThat(enc.transform(t.select("x", "k")).data()).containsExactly(m.data());
  }

  @Test
  void aColumnOfAnotherTypeOrAMissingColumnIsRejected() {
    FeatureEncoder enc = FeatureEncoder.fit(Table.builder().numeric("x", 1, 2).build());

    assertThatThrownBy(() -> enc.transform(Table.builder().categorical("x", "a").build()))
        .isInstanceOf(dev.gauntlet.UserInputException.class)
        .hasMessageContaining("column \"x\"")
        .hasMessageContaining("expected: a numeric column, as when the encoder was fitted");
    assertThatThrownBy(() -> enc.transform(Table.builder().numeric("z", 1).build()))
        .isInstanceOf(dev.gauntlet.UserInputException.class);
  }

  @Test
  void aColumnOfMoreThanMaxLevelsLevelsPoolsItsRarestLevelsIntoOneOtherFeature() {
    int distinct = 3 * FeatureEncoder.MAX_LEVELS;
    // "common" 5 times, "usual" 3 times, then one row per other level
    String[] values = new String[distinct + 6];
    for (int r = 0; r < distinct; r++) {
      values[r] = String.format("l%03d", r); // sorted dictionary order = numeric order
    }
    java.util.Arrays.fill(values, distinct, distinct + 4, "common");
    java.util.Arrays.fill(values, distinct + 4, distinct + 6, "usual");
    values[0] = "common";
    values[1] = "usual";
    Table fit = Table.builder().categorical("k", values).build();

    FeatureEncoder enc = FeatureEncoder.fit(fit);

    assertThat(enc.width()).isEqualTo(FeatureEncoder.MAX_LEVELS);
    // the two frequent levels, then the first 97 of the once-seen ones (dictionary order), other
    assertThat(enc.featureNames()).contains("k=common", "k=usual", "k=l002", "k=l098");
    assertThat(enc.featureNames()).doesNotContain("k=l099", "k=l299");
    assertThat(enc.featureNames().get(enc.width() - 1)).isEqualTo("k=(other)");
    Table apply = Table.builder().categorical("k", "common", "l299", "never-seen").build();
    FeatureMatrix m = enc.transform(apply);
    int common = enc.featureNames().indexOf("k=common");
    assertThat(m.get(0, common)).isEqualTo(1);
    assertThat(m.get(1, enc.width() - 1)).as("a rare level").isEqualTo(1);
    assertThat(m.get(2, enc.width() - 1)).as("an unseen level").isEqualTo(1);
    for (int r = 0; r < 3; r++) {
      assertThat(row(m, r)).as("one-hot").containsOnly(0, 1);
      assertThat(java.util.Arrays.stream(row(m, r)).sum()).isEqualTo(1);
    }
  }

  @Test
  void aColumnOfAtMostMaxLevelsKeepsEveryLevel() {
    String[] values = new String[FeatureEncoder.MAX_LEVELS];
    for (int r = 0; r < values.length; r++) {
      values[r] = "l" + r;
    }
    values[0] = null;

    FeatureEncoder enc = FeatureEncoder.fit(Table.builder().categorical("k", values).build());

    assertThat(enc.width()).isEqualTo(FeatureEncoder.MAX_LEVELS); // 99 levels and (missing)
    assertThat(enc.featureNames()).doesNotContain("k=(other)").contains("k=(missing)");
  }

  @Test
  void moreCellsThanAnArrayHoldsIsAUserErrorNotAWrappedSize() {
    // 50,000 rows x 440 columns of 100 levels = 2.2e9 cells: rows * width in int arithmetic wraps
    // to a negative size; one shared column keeps the test's own memory small
    int rows = 50_000;
    String[] levels = new String[100];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = "l" + i;
    }
    int[] codes = new int[rows];
    for (int r = 0; r < rows; r++) {
      codes[r] = r % levels.length;
    }
    CategoricalColumn shared = CategoricalColumn.of(codes, List.of(levels));
    List<ColumnSpec> specs = new java.util.ArrayList<>();
    List<Column> columns = new java.util.ArrayList<>();
    for (int c = 0; c < 440; c++) {
      specs.add(ColumnSpec.categorical("c" + c));
      columns.add(shared);
    }
    Table wide = Table.of(Schema.of(specs), columns);
    FeatureEncoder enc = FeatureEncoder.fit(wide);

    assertThat(enc.width()).isEqualTo(44_000);
    assertThatThrownBy(() -> enc.transform(wide))
        .isInstanceOf(dev.gauntlet.UserInputException.class)
        .hasMessageContaining("50000 rows x 44000 encoded features")
        .hasMessageContaining("2200000000 values in one matrix");
    assertThat(FeatureMatrix.cells(46_340, 46_340)).isEqualTo(46_340 * 46_340);
  }

  /**
   * The compact rows hold exactly the dense matrix's non-zero entries, in feature order, with the
   * same values (compared bit for bit): numeric with and without an indicator, a value whose
   * encoding is exactly 0, infinities (inf - inf is NaN, kept as the dense matrix keeps it),
   * categorical with missing values, unseen levels and pooled rare levels.
   */
  @Test
  void compactRowsAreTheDenseMatrixWithoutItsZeros() {
    int levels = FeatureEncoder.MAX_LEVELS + 20;
    String[] many = new String[300];
    for (int r = 0; r < many.length; r++) {
      many[r] = "L" + (r % levels);
    }
    double[] a = new double[300];
    double[] b = new double[300];
    String[] colour = new String[300];
    for (int r = 0; r < 300; r++) {
      a[r] = r % 7 == 0 ? Double.NaN : r % 3; // mean 1 among present values: exact zeros
      b[r] = r == 5 ? Double.POSITIVE_INFINITY : r;
      colour[r] = r % 11 == 0 ? null : r % 2 == 0 ? "red" : "blue";
    }
    Table fit =
        Table.builder()
            .numeric("a", a)
            .numeric("b", b)
            .categorical("colour", colour)
            .categorical("many", many)
            .build();
    Table apply =
        Table.builder()
            .numeric("a", Double.NaN, 1, 2, 0)
            .numeric("b", 3, Double.NaN, Double.NEGATIVE_INFINITY, 0)
            .categorical("colour", "green", null, "red", "blue")
            .categorical("many", "L0", "unseen", null, "L119")
            .build();
    FeatureEncoder enc = FeatureEncoder.fit(fit);
    for (Table t : new Table[] {fit, apply}) {
      FeatureMatrix dense = enc.transform(t);
      CompactFeatures compact = enc.compact(t);
      assertThat(compact.rows()).isEqualTo(dense.rows());
      assertThat(compact.width()).isEqualTo(dense.cols());
      assertThat(compact.names()).isEqualTo(dense.names());
      int[] index = new int[compact.maxNonZeros()];
      double[] value = new double[index.length];
      for (int r = 0; r < dense.rows(); r++) {
        int n = compact.row(r, index, value);
        double[] rebuilt = new double[dense.cols()];
        for (int i = 0; i < n; i++) {
          assertThat(i == 0 || index[i] > index[i - 1]).isTrue();
          assertThat(value[i]).isNotEqualTo(0.0);
          rebuilt[index[i]] = value[i];
        }
        assertThat(java.util.Arrays.equals(rebuilt, row(dense, r)))
            .as(
                "row %d: %s vs %s",
                r, java.util.Arrays.toString(rebuilt), java.util.Arrays.toString(row(dense, r)))
            .isTrue();
      }
    }
  }

  /**
   * What the compact design saves: on 10,000 rows of 2 numeric and 2 categorical columns (one of
   * them 100 features wide), 2 x 8 + 1 (indicator) + 2 x 1 bytes a row against 8 x 106 dense.
   */
  @Test
  void compactRowsCostBytesPerColumnNotPerFeature() {
    int rows = 10_000;
    double[] a = new double[rows];
    double[] b = new double[rows];
    String[] few = new String[rows];
    String[] many = new String[rows];
    for (int r = 0; r < rows; r++) {
      a[r] = r % 13 == 0 ? Double.NaN : r;
      b[r] = r * 0.5;
      few[r] = "k" + (r % 3);
      many[r] = "L" + (r % 500);
    }
    Table t =
        Table.builder()
            .numeric("a", a)
            .numeric("b", b)
            .categorical("few", few)
            .categorical("many", many)
            .build();
    FeatureEncoder enc = FeatureEncoder.fit(t);

    CompactFeatures compact = enc.compact(t);

    assertThat(enc.width()).isEqualTo(2 + 1 + 3 + FeatureEncoder.MAX_LEVELS);
    assertThat(compact.storedBytes()).isEqualTo(rows * (8 + 1 + 8 + 1 + 1L));
    assertThat(compact.storedBytes() * 40).isLessThan(8L * rows * enc.width());
  }
}
