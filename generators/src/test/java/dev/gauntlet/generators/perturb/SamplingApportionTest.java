package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Largest-remainder apportionment, which sets the class counts of resampling perturbations: its
 * rounding and tie rules survived mutation testing, since the perturbation tests only count rows
 * approximately.
 */
class SamplingApportionTest {

  @Test
  void countsSumToNAndGoToTheLargestRemainders() {
    // exact 3.5, 2.1, 4.4 of 10: floors 3, 2, 4 (9), the one left goes to 0.5
    assertThat(Sampling.apportion(new double[] {0.35, 0.21, 0.44}, 10)).containsExactly(4, 2, 4);
    // shares need not sum to 1: 1:1:2 of 7 is 1.75, 1.75, 3.5; two left go to the first two
    assertThat(Sampling.apportion(new double[] {1, 1, 2}, 7)).containsExactly(2, 2, 3);
    // a tie of remainders goes to the first
    assertThat(Sampling.apportion(new double[] {1, 1}, 3)).containsExactly(2, 1);
    // exact shares need no rounding
    assertThat(Sampling.apportion(new double[] {0.25, 0.75}, 8)).containsExactly(2, 6);
    // nothing to share
    assertThat(Sampling.apportion(new double[] {0, 0}, 5)).containsExactly(0, 0);
    assertThat(Sampling.apportion(new double[] {0.5, 0.5}, 0)).containsExactly(0, 0);
  }

  @Test
  void replacedCountsRowsAwayFromTheirPlace() {
    assertThat(Sampling.replaced(new int[] {0, 1, 2})).isZero();
    assertThat(Sampling.replaced(new int[] {0, 0, 2, 2})).isEqualTo(2);
  }
}
