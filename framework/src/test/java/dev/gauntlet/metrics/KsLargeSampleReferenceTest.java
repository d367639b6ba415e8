package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The KS p-value on both sides of the 10,000-value bound, against scipy 1.10.1's {@code ks_2samp}
 * (method "auto"), so the switch to the asymptotic p-value is pinned by its values and not only by
 * the method's name. The samples are low-discrepancy sequences that Python computes to the same
 * doubles: {@code [(i * 0.6180339887498949) % 1.0 for i in range(n)]} and {@code [((j *
 * 0.7548776662466927) % 1.0) * 0.98 + 0.01 for j in range(m)]}. Near the bound the exact and
 * asymptotic p-values differ by about 1e-3 relative, far above the 1e-6 tolerance.
 */
class KsLargeSampleReferenceTest {

  private static double[] first(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i * 0.6180339887498949) % 1.0;
    }
    return v;
  }

  private static double[] second(int m) {
    double[] v = new double[m];
    for (int j = 0; j < m; j++) {
      v[j] = ((j * 0.7548776662466927) % 1.0) * 0.98 + 0.01;
    }
    return v;
  }

  @Test
  void atTheBoundThePValueIsExact() {
    KsTest ks = KsTest.of(first(10_000), second(9_000));
    assertThat(ks.method()).isEqualTo("exact");
    assertThat(ks.statistic()).isCloseTo(0.010211111111111112, within(1e-12));
    // scipy exact 0.7018470950397997 (asymptotic would be 0.7025741850389748)
    assertThat(ks.pValue()).isCloseTo(0.7018470950397997, within(0.7018470950397997 * 1e-6));
  }

  @Test
  void aboveTheBoundThePValueIsAsymptotic() {
    KsTest ks = KsTest.of(first(12_000), second(10_001));
    assertThat(ks.method()).isEqualTo("asymptotic");
    assertThat(ks.statistic()).isCloseTo(0.010166716661667241, within(1e-12));
    assertThat(ks.pValue()).isCloseTo(0.62188944191016, within(0.62188944191016 * 1e-6));
  }
}
