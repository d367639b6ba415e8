package dev.gauntlet.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class SeedTest {

  private static long[] first(UniformRandomProvider rng, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = rng.nextLong();
    }
    return out;
  }

  @Test
  void theSameSeedGivesTheSameStream() {
    assertThat(first(Seed.of(42).rng(), 100)).containsExactly(first(Seed.of(42).rng(), 100));
    assertThat(first(Seed.of(42).rng("batch", 3), 100))
        .containsExactly(first(Seed.of(42).derive("batch", 3).rng(), 100));
    assertThat(Seed.of(42).derive("split")).isEqualTo(Seed.of(42).derive("split", 0));
  }

  @Test
  void anotherIndexPurposeOrRootGivesAnotherStream() {
    long[] base = first(Seed.of(42).rng("batch", 0), 4);

    assertThat(first(Seed.of(42).rng("batch", 1), 4)).isNotEqualTo(base);
    assertThat(first(Seed.of(42).rng("split", 0), 4)).isNotEqualTo(base);
    assertThat(first(Seed.of(43).rng("batch", 0), 4)).isNotEqualTo(base);
    assertThat(first(Seed.of(42).rng(), 4)).isNotEqualTo(base);
  }

  @Test
  void derivedSeedsOfManyIndicesAndPurposesAreDistinct() {
    Set<Long> seen = new HashSet<>();
    for (String purpose : new String[] {"batch", "split", "noise", "drift", ""}) {
      for (long i = -100; i < 10_000; i++) {
        assertThat(seen.add(Seed.of(7).derive(purpose, i).value())).isTrue();
      }
    }
  }

  @Test
  void deriveFollowsTheDocumentedRule() {
    // An independent transcription of the rule in Seed's Javadoc: SplitMix64's mixer applied to
    // the root, then to that xor an FNV-1a hash of the purpose, then to that xor the index.
    for (long root : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
      for (String purpose : new String[] {"batch", "split", "ünïcode", ""}) {
        for (long index : new long[] {0, 1, 2, -1, 1L << 40}) {
          long expected = mix(mix(mix(root) ^ fnv1a64(purpose)) ^ index);
          assertThat(Seed.of(root).derive(purpose, index).value()).isEqualTo(expected);
        }
      }
    }
  }

  /**
   * Pinned values. Every saved seed, manifest and golden file depends on these: if this test fails,
   * the derivation rule or the generator changed and old runs no longer reproduce. That is the
   * point of the test; change these numbers only on purpose, with a note in the release log.
   */
  @Test
  void derivedSeedsAndFirstOutputsArePinned() {
    Seed root = Seed.of(42);

    assertThat(root.derive("batch", 0).value()).isEqualTo(7312834777626969600L);
    assertThat(root.derive("batch", 1).value()).isEqualTo(1393437160720739139L);
    assertThat(root.derive("split").value()).isEqualTo(7267543461766224305L);
    assertThat(Seed.of(0).derive("batch", 0).value()).isEqualTo(2157371091551597513L);
    assertThat(first(root.rng(), 2)).containsExactly(-3425465463722317665L, 5881210131331364753L);
    assertThat(root.derive("batch", 7).value()).isEqualTo(-6822600229271257351L);
    assertThat(root.rng("batch", 7).nextLong()).isEqualTo(-7248484876066590735L);
  }

  @Test
  void aSeedPrintsAsItsValue() {
    assertThat(Seed.of(-17)).hasToString("-17");
    assertThatThrownBy(() -> Seed.of(1).derive(null, 0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void neighbouringStreamsAreNotShiftedCopiesOfEachOther() {
    Seed root = Seed.of(2024);
    for (long i = 0; i < 20; i++) {
      Set<Long> a = new HashSet<>();
      for (long v : first(root.rng("batch", i), 1000)) {
        a.add(v);
      }
      for (long v : first(root.rng("batch", i + 1), 1000)) {
        assertThat(a).doesNotContain(v);
      }
    }
  }

  /*
   * Correlation checks. Under independence, for n uniform pairs, z = r * sqrt(n) is close to
   * standard normal (n = 2000). Each check is two-sided at alpha = 1% (|z| > 2.5758); we run 50
   * and allow up to 3 rejections. For an independent generator the chance of 4 or more rejections
   * is P(Binomial(50, 0.01) >= 4) = 0.0016 (scipy: binom.sf(3, 50, 0.01)), so with an arbitrary root seed this
   * test would fail about once in 600 seeds; with the fixed seeds here it is deterministic.
   */
  private static final int CHECKS = 50;
  private static final int PAIRS = 2000;
  private static final double Z_CRITICAL = 2.5758293035489; // two-sided 1%
  private static final int ALLOWED_REJECTIONS = 3;

  @Test
  void theCorrelationCheckRejectsStreamsThatShareAFewPercent() {
    // The checks below are worth something only if they fail for a bad rule: a stream i + 1
    // that mixes in 10 % of stream i (correlation about 0.1, z about 4.4) is rejected by nearly
    // every check, far above the 3 allowed.
    Seed root = Seed.of(99);
    int rejections = 0;
    for (int i = 0; i < CHECKS; i++) {
      UniformRandomProvider a = root.rng("batch", i);
      UniformRandomProvider b = root.rng("batch", i + 1);
      double[] x = new double[PAIRS];
      double[] y = new double[PAIRS];
      for (int j = 0; j < PAIRS; j++) {
        x[j] = a.nextDouble();
        y[j] = 0.9 * b.nextDouble() + 0.1 * x[j];
      }
      if (Math.abs(correlation(x, y) * Math.sqrt(PAIRS)) > Z_CRITICAL) {
        rejections++;
      }
    }
    assertThat(rejections).isGreaterThan(40);
  }

  @Test
  void streamsOfNeighbouringIndicesAreUncorrelated() {
    Seed root = Seed.of(99);
    int rejections = 0;
    for (int i = 0; i < CHECKS; i++) {
      UniformRandomProvider a = root.rng("batch", i);
      UniformRandomProvider b = root.rng("batch", i + 1);
      double[] x = new double[PAIRS];
      double[] y = new double[PAIRS];
      for (int j = 0; j < PAIRS; j++) {
        x[j] = a.nextDouble();
        y[j] = b.nextDouble();
      }
      if (Math.abs(correlation(x, y) * Math.sqrt(PAIRS)) > Z_CRITICAL) {
        rejections++;
      }
    }
    assertThat(rejections)
        .as("seed = 99, checks rejected at 1%")
        .isLessThanOrEqualTo(ALLOWED_REJECTIONS);
  }

  @Test
  void firstOutputsOfConsecutiveIndicesAreUncorrelated() {
    // Catches a rule that makes stream i + 1 a function of stream i (as index arithmetic can).
    int rejections = 0;
    for (int c = 0; c < CHECKS; c++) {
      Seed root = Seed.of(1000 + c);
      double[] x = new double[PAIRS];
      double[] y = new double[PAIRS];
      for (int i = 0; i < PAIRS; i++) {
        x[i] = root.rng("batch", i).nextDouble();
        y[i] = root.rng("batch", i + 1).nextDouble();
      }
      if (Math.abs(correlation(x, y) * Math.sqrt(PAIRS)) > Z_CRITICAL) {
        rejections++;
      }
    }
    assertThat(rejections)
        .as("seeds 1000..1049, checks rejected at 1%")
        .isLessThanOrEqualTo(ALLOWED_REJECTIONS);
  }

  private static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static long mix(long x) {
    long z = x + 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h;
  }
}
