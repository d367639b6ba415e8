package dev.gauntlet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import org.junit.jupiter.api.Test;

class PerturbationResultTest {
  static Table table() {
    return Table.builder()
        .numeric("x", 1, Double.NaN, 3, 4)
        .categorical("c", "a", null, "b", "a")
        .build();
  }

  @Test
  void kishEffectiveSampleSize() {
    assertThat(PerturbationResult.kish(new double[] {1, 1, 1, 1})).isEqualTo(4);
    assertThat(PerturbationResult.kish(new double[] {5, 0, 0, 0})).isEqualTo(1);
    // (2 + 1 + 1)^2 / (4 + 1 + 1) = 16 / 6.
    assertThat(PerturbationResult.kish(new double[] {2, 1, 1})).isCloseTo(16 / 6.0, within(1e-15));
    // Weights whose squares overflow.
    assertThat(PerturbationResult.kish(new double[] {1e300, 1e300})).isCloseTo(2, within(1e-15));
    assertThat(PerturbationResult.kish(new double[] {0, 0})).isZero();
  }

  @Test
  void betweenCountsChangedCellsOnlyWhenRowsKeepTheirPlace() {
    Table in = table();
    Table out =
        Table.builder()
            .numeric("x", 1, Double.NaN, 30, 4)
            .categorical("c", "b", null, "b", "z")
            .build()
            .withColumn(ColumnSpec.numeric("leak"), NumericColumn.of(0, 1, 0, 1));
    PerturbationResult r = PerturbationResult.between(in, out, true);
    // x row 3, c rows 1 and 4 (a missing value equals a missing value; levels compared as text).
    assertThat(r.cellsChanged()).hasValue(3);
    assertThat(r.columnsAdded()).containsExactly("leak");
    assertThat(r.describe())
        .isEqualTo("4 rows in, 4 rows out: 3 cells changed, column [leak] added");
    assertThat(PerturbationResult.between(in, out, false).cellsChanged()).isEmpty();
    PerturbationResult dropped = PerturbationResult.between(in, in.slice(0, 3), false);
    assertThat(dropped.rowsRemoved()).isEqualTo(1);
    assertThat(dropped.describe()).isEqualTo("4 rows in, 3 rows out: 1 row removed");
  }

  @Test
  void theDefaultSummaryOfALambdaComparesTheTables() {
    Perturbation blankFirst =
        (table, severity, seed) ->
            table.withColumn(
                table.schema().spec("x"), NumericColumn.of(Double.NaN, Double.NaN, 3, 4));
    PerturbationResult r = blankFirst.applyWithSummary(table(), 1, Seed.of(1));
    // Not declared row-local, so cells are not compared.
    assertThat(blankFirst.keepsRowIdentity()).isFalse();
    assertThat(r.cellsChanged()).isEmpty();
    assertThat(r.valuesClipped()).isEmpty();
    assertThat(r.table().numeric("x").isMissing(0)).isTrue();
  }
}
