package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand-checkable cases and values pinned from scipy 1.10 (Debian bookworm's python3-scipy), e.g.
 * {@code stats.chi2_contingency(np.array([[10, 20], [20, 20]]))}. The dataset-sized cases are in
 * the scenarios module's ReferenceCasesTest.
 */
class TwoSampleFiguresTest {

  @Test
  void ksOfDisjointSamplesIsOneWithTheExactPValue() {
    // scipy: ks_2samp([1..5], [6..11]) -> statistic 1.0, pvalue 0.004329004329004329 (= 2/C(11,5))
    KsTest ks = KsTest.of(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10, 11});
    assertThat(ks.statistic()).isEqualTo(1.0);
    assertThat(ks.pValue()).isCloseTo(0.004329004329004329, within(1e-15));
    assertThat(ks.method()).isEqualTo("exact");
  }

  @Test
  void ksDropsMissingValuesAndIsUndefinedOnAnEmptySide() {
    KsTest same = KsTest.of(new double[] {1, Double.NaN, 2}, new double[] {1, 2});
    assertThat(same.statistic()).isZero();
    assertThat(same.pValue()).isEqualTo(1.0);
    assertThat(KsTest.of(new double[] {Double.NaN}, new double[] {1}).statistic()).isNaN();
  }

  @Test
  void ksSwitchesToTheAsymptoticPValueAboveTenThousandRows() {
    double[] a = new double[10_001];
    double[] b = new double[10_001];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
      b[i] = i + 0.5;
    }
    assertThat(KsTest.of(a, b).method()).isEqualTo("asymptotic");
  }

  @Test
  void wasserstein() {
    // scipy: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0: every unit of mass moves 5
    assertThat(Distances.wasserstein(new double[] {0, 1, 3}, new double[] {5, 6, 8}))
        .isCloseTo(5.0, within(1e-12));
    assertThat(Distances.wasserstein(new double[] {1, 1, 2}, new double[] {2, 1, 1})).isZero();
    // half the mass of [0, 0] moves by 2 to reach [0, 2]
    assertThat(Distances.wasserstein(new double[] {0, 0}, new double[] {0, 2})).isEqualTo(1.0);
    assertThat(Distances.wasserstein(new double[0], new double[] {1})).isNaN();
  }

  @Test
  void totalVariationAndJensenShannon() {
    long[] p = {2, 2, 0};
    long[] q = {1, 1, 2};
    assertThat(Distances.totalVariation(p, q)).isCloseTo(0.5, within(1e-15));
    // scipy: jensenshannon([0.5, 0.5, 0], [0.25, 0.25, 0.5], base=2)
    assertThat(Distances.jensenShannon(p, q)).isCloseTo(0.5579230452841438, within(1e-12));
    assertThat(Distances.jensenShannon(new long[] {1, 0}, new long[] {0, 1}))
        .isCloseTo(1.0, within(1e-12));
    assertThat(Distances.jensenShannon(p, p)).isZero();
  }

  @Test
  void chiSquareWithAndWithoutYates() {
    long[] a = {10, 20};
    long[] b = {20, 20};
    ChiSquare corrected = ChiSquare.of(a, b, true);
    // scipy: chi2_contingency([[10, 20], [20, 20]]) -> 1.3234375000000005, p 0.24997605752048507
    assertThat(corrected.statistic()).isCloseTo(1.3234375000000005, within(1e-12));
    assertThat(corrected.pValue()).isCloseTo(0.24997605752048507, within(1e-12));
    assertThat(corrected.dof()).isEqualTo(1);
    ChiSquare plain = ChiSquare.of(a, b, false);
    // scipy: correction=False -> 1.9444444444444455, p 0.16318677476266583
    assertThat(plain.statistic()).isCloseTo(1.9444444444444455, within(1e-12));
    assertThat(plain.pValue()).isCloseTo(0.16318677476266583, within(1e-12));
    assertThat(ChiSquare.of(new long[] {3}, new long[] {4}, true).statistic()).isNaN();
  }

  @Test
  void psiIsZeroForTheSameSampleAndFloorsEmptyBins() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    Psi same = Psi.numeric(x, x);
    assertThat(same.value()).isZero();
    assertThat(same.countsReference()).hasSize(10).containsOnly(1L);
    // all current values above the top decile: q = 1 in the last bin, 1e-4 elsewhere
    Psi shifted = Psi.numeric(x, new double[] {100, 200});
    double expected = 9 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (1 - 0.1) * Math.log(1 / 0.1);
    assertThat(shifted.value()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void numpyLinearQuantile() {
    double[] sorted = {1, 2, 2, 2, 2, 2, 3, 4, 5, 5};
    // numpy: np.quantile(x, 0.3) = 2.0, 0.75 = 3.75, 0.9 = 5.0
    assertThat(Quantiles.linear(sorted, 0.3)).isEqualTo(2.0);
    assertThat(Quantiles.linear(sorted, 0.75)).isEqualTo(3.75);
    assertThat(Quantiles.linear(sorted, 0.9)).isEqualTo(5.0);
  }

  @Test
  void frechetInOneDimensionIsMeanAndStdDifference() {
    // 1-D Gaussians: (m1 - m2)^2 + (s1 - s2)^2 with sample standard deviations (ddof 1)
    double[] a = {1, 2, 3, 4};
    double[] b = {2, 4, 6, 8, 10};
    double s1 = Math.sqrt(5.0 / 3);
    double s2 = Math.sqrt(10);
    double expected = (2.5 - 6) * (2.5 - 6) + (s1 - s2) * (s1 - s2);
    assertThat(Frechet.distance(a, 4, b, 5, 1)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void frechetOfASampleWithItselfIsZeroEvenOnBadlyScaledColumns() {
    // columns on scales 1e-3 .. 1e4: the naive eigen route loses the small eigenvalues
    int n = 200;
    int k = 4;
    double[] x = new double[n * k];
    var rng = dev.gauntlet.random.Seed.of(7).rng();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        x[r * k + j] = rng.nextDouble() * Math.pow(10, 4 * j - 3);
      }
    }
    assertThat(Frechet.distance(x, n, x, n, k)).isCloseTo(0, within(1e-6));
  }
}
