package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import org.junit.jupiter.api.Test;

/**
 * Distances to the closest record between 0 and the cap, worked by hand from SDMetrics' cell
 * distance (numeric |a - b| / real range capped at 1, categorical 0 or 1, a row's distance the mean
 * of its cells): the figures were tested only at 0 (copies) and at 1 (the cap).
 */
class DistanceHandCasesTest {
  private static final Seed SEED = Seed.of(3);

  /** Two real rows, (0, a) and (10, b): the numeric range is 10. */
  private static Table real() {
    return Table.builder().numeric("x", 0, 10).categorical("c", "a", "b").build();
  }

  private static double dcrOfOneRow(double x, String c) {
    Table synthetic = Table.builder().numeric("x", x).categorical("c", c).build();
    return Privacy.of(real(), synthetic, 100, SEED).dcrMedian();
  }

  @Test
  void theDistanceToTheClosestRealRowIsTheMeanCellDistance() {
    // (2, a): to (0, a) (0.2 + 0) / 2 = 0.1, to (10, b) (0.8 + 1) / 2 = 0.9
    assertThat(dcrOfOneRow(2, "a")).isCloseTo(0.1, within(1e-12));
    // (7, b): to (10, b) (0.3 + 0) / 2 = 0.15
    assertThat(dcrOfOneRow(7, "b")).isCloseTo(0.15, within(1e-12));
    // below the range: (-3, a) to (0, a) (0.3 + 0) / 2 = 0.15
    assertThat(dcrOfOneRow(-3, "a")).isCloseTo(0.15, within(1e-12));
    // a level real rows lack: (5, c) is (0.5 + 1) / 2 = 0.75 from both
    assertThat(dcrOfOneRow(5, "c")).isCloseTo(0.75, within(1e-12));
    // a missing number is 1 from any value: (missing, a) to (0, a) (1 + 0) / 2 = 0.5
    assertThat(dcrOfOneRow(Double.NaN, "a")).isCloseTo(0.5, within(1e-12));
    // beyond the range the cell distance is capped: (25, b) to (10, b) (1 + 0) / 2 = 0.5
    assertThat(dcrOfOneRow(25, "b")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void theMedianIsOverSyntheticRows() {
    Table synthetic = Table.builder().numeric("x", 2, 7, 5).categorical("c", "a", "b", "c").build();
    Privacy p = Privacy.of(real(), synthetic, 100, SEED);
    // 0.1, 0.15, 0.75
    assertThat(p.dcrMedian()).isCloseTo(0.15, within(1e-12));
    assertThat(p.exactCopyShare()).isZero();
    assertThat(p.syntheticRows()).isEqualTo(3);
  }

  @Test
  void overfittingCountsRowsStrictlyCloserToTraining() {
    Table training = real();
    Table holdout = Table.builder().numeric("x", 4, 10).categorical("c", "a", "a").build();
    // ranges from training (10); distance to training / to holdout:
    // (1, a) 0.05 / 0.15 closer; (5, a) 0.25 / 0.05 not; (9, b) 0.05 / 0.55 closer;
    // (1.5, a) 0.075 / 0.125 closer; (2, a) 0.1 / 0.1 a tie, not closer
    Table synthetic =
        Table.builder()
            .numeric("x", 1, 5, 9, 1.5, 2)
            .categorical("c", "a", "a", "b", "a", "a")
            .build();
    DcrOverfitting o = DcrOverfitting.of(training, holdout, synthetic, 100, SEED);
    assertThat(o.syntheticRows()).isEqualTo(5);
    assertThat(o.closerToTraining()).isCloseTo(0.6, within(1e-12));
    // min(1, 2 (1 - 0.6))
    assertThat(o.score()).isCloseTo(0.8, within(1e-12));
  }
}
