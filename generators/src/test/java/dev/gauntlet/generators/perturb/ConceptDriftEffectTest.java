package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import org.junit.jupiter.api.Test;

/**
 * concept-drift's effect, counted exactly: it changes the label of {@code rate x severity} of the
 * rows in its region (the column at or above its quantile, or below it) and of no row outside.
 * Before this, only its validity and its severity-0 no-op were tested, so a region taken on the
 * wrong side, a cut at the wrong quantile or an ignored severity passed.
 */
class ConceptDriftEffectTest {
  private static final int N = 1000;

  /** x = 0 .. 999 in a shuffled order, labels alternating yes / no. */
  private static Table table() {
    double[] x = new double[N];
    String[] label = new String[N];
    for (int r = 0; r < N; r++) {
      x[r] = (r * 389) % N; // 389 is prime to 1000: a permutation of 0 .. 999
      label[r] = r % 2 == 0 ? "yes" : "no";
    }
    return Table.builder()
        .numeric("x", x)
        .categorical("class", label)
        .role("class", ColumnRole.LABEL)
        .build();
  }

  /** Counts changed labels inside and outside {@code x >= cut} (or below it). */
  private static int[] changed(Table in, Table out, double cut, boolean above) {
    int inside = 0;
    int outside = 0;
    for (int r = 0; r < N; r++) {
      boolean region = above ? in.numeric("x").get(r) >= cut : in.numeric("x").get(r) < cut;
      if (!in.categorical("class").level(r).equals(out.categorical("class").level(r))) {
        if (region) {
          inside++;
        } else {
          outside++;
        }
      }
    }
    return new int[] {inside, outside};
  }

  @Test
  void aboveTheQuantileEveryLabelFlipsAtSeverityOne() {
    Table in = table();
    Perturbation p =
        PerturbationEffectSizeTest.perturbation(
            "concept-drift", "column", "x", "quantile", "0.7", "side", "above");
    // the cut is the sorted value at floor(0.7 * 1000): 700, so the region is x >= 700
    assertThat(changed(in, p.apply(in, 1, Seed.of(3)), 700, true)).containsExactly(300, 0);
    // severity 0.5: round(0.5 * 300) of the region
    assertThat(changed(in, p.apply(in, 0.5, Seed.of(3)), 700, true)).containsExactly(150, 0);
  }

  @Test
  void belowTheQuantileTheRateOfTheRegionFlips() {
    Table in = table();
    Perturbation p =
        PerturbationEffectSizeTest.perturbation(
            "concept-drift", "column", "x", "quantile", "0.25", "side", "below", "rate", "0.4");
    // region x < 250; 0.4 x 250 = 100 labels at severity 1
    assertThat(changed(in, p.apply(in, 1, Seed.of(5)), 250, false)).containsExactly(100, 0);
  }
}
