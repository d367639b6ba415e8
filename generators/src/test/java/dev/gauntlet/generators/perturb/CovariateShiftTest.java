package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.PerturbationResult;
import dev.gauntlet.spi.Registry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CovariateShiftTest {
  final Registry<PerturbationProvider> registry = Registry.perturbations();

  @Test
  void aSmallShiftOfValuesNear1e300IsFinite() {
    // Squares of 1e299 overflow; the standard deviation itself (about 1.1e299) does not.
    double[] v = new double[10];
    for (int r = 0; r < v.length; r++) {
      v[r] = (1 + 0.1 * r) * 1e300;
    }
    Table t = Table.builder().numeric("x", v).build();
    double[] ms = Domain.meanStd(t.numeric("x"));
    assertThat(ms[0]).isCloseTo(1.45e300, within(1e286));
    // Population sd of 1.0, 1.1, ..., 1.9 (times 1e300) is 0.1 sqrt(8.25) = 0.28723.
    assertThat(ms[1] / 1e300).isCloseTo(0.1 * Math.sqrt(8.25), within(1e-12));
    Table out =
        registry.get("covariate-shift").create(Map.of("shift", "0.0001")).apply(t, 1, Seed.of(1));
    for (int r = 0; r < v.length; r++) {
      assertThat(out.numeric("x").get(r) - v[r]).isCloseTo(1e-4 * ms[1], within(1e-6 * ms[1]));
    }
  }

  @Test
  void columnsAndColumnAreTheSameParameter() {
    Table t = Data.creditG();
    Table a =
        registry
            .get("covariate-shift")
            .create(Map.of("columns", "age;duration", "shift", "1"))
            .apply(t, 1, Seed.of(1));
    Table b =
        registry
            .get("covariate-shift")
            .create(Map.of("column", "age;duration", "shift", "1"))
            .apply(t, 1, Seed.of(1));
    assertThat(a).isEqualTo(b);
    assertThat(a.numeric("age")).isNotEqualTo(t.numeric("age"));
    assertThat(a.numeric("credit_amount")).isEqualTo(t.numeric("credit_amount"));
    assertThatThrownBy(
            () ->
                registry
                    .get("covariate-shift")
                    .create(Map.of("columns", "age", "column", "duration")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("both column= and columns=");
  }

  @Test
  void theSummaryCountsChangedCellsAndClippedValues() {
    Table t = Data.creditG();
    PerturbationResult r =
        registry
            .get("covariate-shift")
            .create(Map.of("columns", "age", "shift", "3", "ranges", "age:19..75"))
            .applyWithSummary(t, 1, Seed.of(1));
    double[] ms = Domain.meanStd(t.numeric("age"));
    long over = 0;
    long changed = 0;
    for (int i = 0; i < t.rowCount(); i++) {
      double before = t.numeric("age").get(i);
      double after = Math.rint(before + 3 * ms[1]);
      over += after > 75 ? 1 : 0;
      changed += Math.min(75, after) != before ? 1 : 0;
    }
    assertThat(over).isPositive();
    assertThat(r.valuesClipped()).hasValue(over);
    assertThat(r.cellsChanged()).hasValue(changed);
    assertThat(r.rowsAdded() + r.rowsRemoved() + r.rowsReplaced()).isZero();
    assertThat(r.effectiveSampleSize()).isEmpty();
    assertThat(r.describe())
        .isEqualTo(
            "1,000 rows in, 1,000 rows out: "
                + String.format("%,d", changed)
                + " cells changed, "
                + over
                + " values clipped to the column's range");
  }
}
