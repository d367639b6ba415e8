package dev.gauntlet.generators.perturb;

import static dev.gauntlet.generators.perturb.PerturbationEffectSizeTest.perturbation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The size of covariate-shift's and selection-bias's effects, not only that they change rows. */
class DriftEffectSizeTest {

  @Test
  void covariateShiftMovesEachValueByShiftStdsAndScalesItsDistanceFromTheMean() {
    // x: mean 3.5, population sd sqrt 2 (not whole, so not rounded)
    Table in =
        Table.builder()
            .numeric("x", 1.5, 2.5, 3.5, 4.5, 5.5)
            .numeric("y", -1.5, 0.5, 2.5, 7.5, 9.5)
            .build();
    Table out =
        perturbation("covariate-shift", "columns", "x", "shift", "2", "scale", "1.5")
            .apply(in, 0.5, Seed.of(1));
    // at severity 0.5: distance from the mean times 1 + 0.5 (1.5 - 1), plus 0.5 * 2 * sqrt 2.
    // A shift in raw units, the sample sd, or severity applied to one part only would differ.
    for (int r = 0; r < 5; r++) {
      double x = in.numeric("x").get(r);
      assertThat(out.numeric("x").get(r))
          .as("row " + r)
          .isCloseTo(3.5 + (x - 3.5) * 1.25 + Math.sqrt(2), within(1e-12));
    }
    assertThat(out.numeric("y")).isEqualTo(in.numeric("y"));
  }

  @Test
  void selectionBiasTiltsANormalColumnByStrengthTimesSeverityStds() {
    // x ~ N(10, 2) on 20,000 rows. Weights exp(beta z) tilt a normal to N(beta, 1) in z: the
    // resampled mean moves by beta sd, the sd stays. Uncapped (max-weight 1e6), side high:
    // beta = strength 1 * severity; side low: -beta. The estimate's sd is about 2 / sqrt(Kish size
    // 20,000 / e^(beta^2)) plus the resampling's 2 / sqrt(20,000): under 0.035, so 0.15 is over
    // 4 sd.
    Table in = PerturbationEffectSizeTest.table();
    double before = mean(in.numeric("x").values());
    assertThat(before).isCloseTo(10, within(0.05));
    double[][] cases = {{1, 1, 2}, {0.5, 1, 1}, {1, -1, -2}};
    for (double[] c : cases) {
      String side = c[1] > 0 ? "high" : "low";
      Table out =
          perturbation(
                  "selection-bias",
                  "column",
                  "x",
                  "side",
                  side,
                  "strength",
                  "1",
                  "max-weight",
                  "1e6")
              .apply(in, c[0], Seed.of(17));
      double[] x = out.numeric("x").values();
      assertThat(x).hasSize(in.rowCount());
      assertThat(mean(x) - before)
          .as("severity " + c[0] + " " + side)
          .isCloseTo(c[2], within(0.15));
      assertThat(PerturbationEffectSizeTest.sd(x)).isCloseTo(2, within(0.1));
    }
  }

  @Test
  void aConstantColumnShiftsByShiftTimesOneAsItsStdIsTakenAsOne() {
    // std 0 would make the shift vanish; the documented fallback is 1
    Table in = Table.builder().numeric("k", 5.5, 5.5, 5.5).numeric("x", -1.5, 0.5, 2.5).build();
    Table out =
        perturbation("covariate-shift", "columns", "k", "shift", "1").apply(in, 1, Seed.of(1));
    assertThat(out.numeric("k").values()).containsExactly(6.5, 6.5, 6.5);
  }

  @Test
  void rangesAreReadAsColumnMinMaxWithOpenEndsAndEqualEnds() {
    Table in = Table.builder().numeric("x", -1.5, 0.5, 2.5).build();
    // a range of one value is allowed: the shift is clamped to it
    Table pinned =
        perturbation("covariate-shift", "columns", "x", "shift", "1", "ranges", "x:0.5..0.5")
            .apply(in, 1, Seed.of(1));
    assertThat(pinned.numeric("x").values()).containsExactly(0.5, 0.5, 0.5);
    // an empty column name is refused as a malformed item, before looking the column up
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> perturbation("covariate-shift", "ranges", ":1..2").apply(in, 1, Seed.of(1)))
        .isInstanceOf(dev.gauntlet.UserInputException.class)
        .hasMessageContaining("column:min..max");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> perturbation("covariate-shift", "ranges", "x:2..1").apply(in, 1, Seed.of(1)))
        .isInstanceOf(dev.gauntlet.UserInputException.class)
        .hasMessageContaining("min <= max");
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }
}
