package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/** Hand-checkable cases for Detection, Prdc and Mmd; reference values are pinned elsewhere. */
class SampleFiguresTest {
  private static final Seed SEED = Seed.of(7);

  /** {@code rows} rows of two Gaussian columns centred at {@code shift}, and a category. */
  private static Table gaussian(int rows, double shift, long seed) {
    UniformRandomProvider rng = Seed.of(seed).rng();
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] a = new double[rows];
    double[] b = new double[rows];
    String[] c = new String[rows];
    for (int r = 0; r < rows; r++) {
      a[r] = shift + g.sample();
      b[r] = shift + g.sample();
      c[r] = rng.nextBoolean() ? "x" : "y";
    }
    return Table.builder().numeric("a", a).numeric("b", b).categorical("c", c).build();
  }

  @Test
  void identicalSamplesAreIndistinguishable() {
    Table t = gaussian(200, 0, 1);

    Prdc prdc = Prdc.of(t, t);
    // every fake row is a real row, at distance 0 < its radius
    assertThat(prdc.precision()).isEqualTo(1.0);
    assertThat(prdc.recall()).isEqualTo(1.0);
    assertThat(prdc.coverage()).isEqualTo(1.0);
    // each row lies in its own ball and in the balls of the rows it is among the k nearest of
    assertThat(prdc.density()).isGreaterThanOrEqualTo(1.0);

    Mmd mmd = Mmd.of(t, t, SEED);
    assertThat(mmd.mmd2()).isCloseTo(0, within(0.01));
    // identical halves are the least different split there is: the observed statistic is below
    // every permuted one
    assertThat(mmd.pValue()).isEqualTo(1.0);

    Detection d = Detection.of(t, t, SEED);
    assertThat(d.auc()).isCloseTo(0.5, within(0.1));
    assertThat(d.score()).isGreaterThan(0.8);
  }

  @Test
  void wellSeparatedSamplesAreTold() {
    Table real = gaussian(150, 0, 1);
    Table fake = gaussian(120, 20, 2);

    Prdc prdc = Prdc.of(real, fake);
    assertThat(prdc.precision()).isZero();
    assertThat(prdc.recall()).isZero();
    assertThat(prdc.density()).isZero();
    assertThat(prdc.coverage()).isZero();

    Mmd mmd = Mmd.of(real, fake, SEED);
    assertThat(mmd.pValue()).isEqualTo(1.0 / 101);
    assertThat(mmd.mmd2()).isGreaterThan(0.5);

    Detection d = Detection.of(real, fake, SEED);
    assertThat(d.foldAuc()).containsOnly(1.0);
    assertThat(d.auc()).isEqualTo(1.0);
    assertThat(d.score()).isZero();
  }

  @Test
  void theSameSeedGivesTheSameFiguresWhateverTheThreads() throws Exception {
    Table real = gaussian(300, 0, 3);
    Table fake = gaussian(250, 0.3, 4);
    Mmd mmd = Mmd.of(real, fake, SEED);
    Prdc prdc = Prdc.of(real, fake);
    Detection d = Detection.of(real, fake, SEED);
    assertThat(Mmd.of(real, fake, SEED)).isEqualTo(mmd);
    assertThat(Detection.of(real, fake, SEED)).isEqualTo(d);
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      assertThat(one.submit(() -> Mmd.of(real, fake, SEED)).get()).isEqualTo(mmd);
      assertThat(one.submit(() -> Prdc.of(real, fake)).get()).isEqualTo(prdc);
    } finally {
      one.shutdown();
    }
    // another seed draws other permutations and folds
    assertThat(Mmd.of(real, fake, Seed.of(8)).mmd2()).isEqualTo(mmd.mmd2());
    assertThat(Detection.of(real, fake, Seed.of(8)).foldAuc()).isNotEqualTo(d.foldAuc());
  }

  @Test
  void medianHeuristicIsNumpysMedianOverPairs() {
    // pairs of {0, 1, 3}: 1, 3, 2 -> 2; of {0, 1, 3, 7}: 1, 3, 7, 2, 6, 4 -> (3 + 4) / 2
    assertThat(Mmd.medianDistance(new double[] {0, 1, 3}, 3, 1)).isEqualTo(2.0);
    assertThat(Mmd.medianDistance(new double[] {0, 1, 3, 7}, 4, 1)).isEqualTo(3.5);
    // 2-d: (0,0), (3,4), (0,8): 5, 8, 5 -> 5
    assertThat(Mmd.medianDistance(new double[] {0, 0, 3, 4, 0, 8}, 3, 2)).isEqualTo(5.0);
  }

  @Test
  void mmdIsTheUnbiasedEstimateByHand() {
    // x = {0, 1}, y = {3}? needs 2 a side: y = {3, 5}. Pooled pairs: 1,3,5,2,4,2 -> median 2.5
    double sigma = 2.5;
    double g = 1 / (2 * sigma * sigma);
    double kxx = Math.exp(-g * 1);
    double kyy = Math.exp(-g * 4);
    double kxy = Math.exp(-g * 9) + Math.exp(-g * 25) + Math.exp(-g * 4) + Math.exp(-g * 16);
    double expected = 2 * kxx / 2 + 2 * kyy / 2 - 2 * kxy / 4;
    Mmd mmd = Mmd.of(new double[] {0, 1}, 2, new double[] {3, 5}, 2, 1, 5, SEED);
    assertThat(mmd.bandwidth()).isEqualTo(2.5);
    assertThat(mmd.mmd2()).isCloseTo(expected, within(1e-15));
    // 4 rows split 2 + 2 can only be relabelled 6 ways; every p-value is (1 + count) / 6
    assertThat(mmd.pValue() * 6).isCloseTo(Math.rint(mmd.pValue() * 6), within(1e-12));
  }

  @Test
  void tooFewRowsGiveNaNAndBadSettingsThrow() {
    Table five = gaussian(5, 0, 5);
    Table two = gaussian(2, 0, 6);
    Table none = five.slice(0, 0);

    Prdc p = Prdc.of(five, gaussian(50, 0, 7)); // 5 rows cannot hold a 5th other neighbour
    assertThat(p.precision()).isNaN();
    assertThat(p.coverage()).isNaN();
    assertThat(Prdc.of(none, none).density()).isNaN();

    assertThat(Mmd.of(five, gaussian(1, 0, 8), SEED).mmd2()).isNaN();
    Mmd empty = Mmd.of(none, none, SEED);
    assertThat(empty.mmd2()).isNaN();
    assertThat(empty.bandwidth()).isNaN();
    assertThat(Mmd.of(five, two, 0, SEED).pValue()).isNaN();
    assertThat(Mmd.of(five, two, 0, SEED).mmd2()).isFinite();
    // all rows equal: the median distance is 0 and no bandwidth exists
    Table same = Table.builder().numeric("a", 1, 1, 1).build();
    assertThat(Mmd.of(same, same, SEED).bandwidth()).isZero();
    assertThat(Mmd.of(same, same, SEED).mmd2()).isNaN();

    Detection d = Detection.of(five, two, SEED); // 2 synthetic rows cannot fill 3 folds
    assertThat(d.auc()).isNaN();
    assertThat(d.score()).isNaN();
    assertThat(d.foldAuc()).isEmpty();
    assertThat(Detection.of(none, none, SEED).auc()).isNaN();

    assertThatThrownBy(() -> Prdc.of(five, five, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nearest-neighbour k is less than 1: 0");
    assertThatThrownBy(() -> Detection.of(five, five, 1, SEED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number of folds is less than 2: 1");
    assertThatThrownBy(() -> Mmd.of(five, five, -1, SEED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number of permutations is negative: -1");
  }
}
