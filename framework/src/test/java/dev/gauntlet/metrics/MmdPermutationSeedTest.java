package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * The seed of MMD draws the permutations, so it moves the p-value and not the statistic. (A check
 * of mmd2 alone across seeds cannot fail: mmd2 does not depend on the seed.)
 */
class MmdPermutationSeedTest {

  private static Table gaussian(int rows, long seed) {
    UniformRandomProvider rng = Seed.of(seed).rng();
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] a = new double[rows];
    double[] b = new double[rows];
    for (int r = 0; r < rows; r++) {
      a[r] = g.sample();
      b[r] = g.sample();
    }
    return Table.builder().numeric("a", a).numeric("b", b).build();
  }

  @Test
  void theSeedMovesThePValueNotTheStatistic() {
    // two samples of one distribution: the p-value is far from the floor 1/101, where permutation
    // noise shows (its sd is about sqrt(p (1 - p) / 100), 0.05 at p = 0.5)
    Table real = gaussian(60, 1);
    Table fake = gaussian(60, 2);
    Mmd first = Mmd.of(real, fake, Seed.of(1));
    Set<Double> pValues = new TreeSet<>();
    for (long s = 1; s <= 6; s++) {
      Mmd mmd = Mmd.of(real, fake, Seed.of(s));
      assertThat(mmd.mmd2()).isEqualTo(first.mmd2());
      assertThat(mmd.bandwidth()).isEqualTo(first.bandwidth());
      // (1 + permutations at least as extreme) / (1 + 100)
      assertThat(mmd.pValue() * 101).isCloseTo(Math.rint(mmd.pValue() * 101), within(1e-9));
      assertThat(mmd.pValue()).isGreaterThan(1.0 / 101);
      pValues.add(mmd.pValue());
      // the same seed draws the same permutations
      assertThat(Mmd.of(real, fake, Seed.of(s)).pValue()).isEqualTo(mmd.pValue());
    }
    assertThat(pValues).as("p-values of seeds 1..6").hasSizeGreaterThan(1);
  }
}
