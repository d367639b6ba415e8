package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.Registry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * The size of each corruption's effect, not only that it changes something: noise sd, outlier share
 * and distance, unit factor, number of copies, rotation angle, missing shares per mechanism. On a
 * seeded table of {@link #N} rows with continuous columns (no integer rounding); each statistical
 * tolerance is several standard errors at this size, said at the assertion.
 */
class PerturbationEffectSizeTest {
  static final int N = 20_000;

  /** x ~ N(10, 2), y ~ N(-5, 0.5), w ~ N(20, 3), id 0..N-1, color of 3 levels, label class of 2. */
  static Table table() {
    UniformRandomProvider rng = Seed.of(2026).rng("effect-size-table", 0);
    var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] x = new double[N];
    double[] y = new double[N];
    double[] w = new double[N];
    double[] id = new double[N];
    String[] color = new String[N];
    String[] label = new String[N];
    String[] colors = {"red", "green", "blue"};
    for (int r = 0; r < N; r++) {
      x[r] = 10 + 2 * gauss.sample();
      y[r] = -5 + 0.5 * gauss.sample();
      w[r] = 20 + 3 * gauss.sample();
      id[r] = r;
      color[r] = colors[rng.nextInt(3)];
      label[r] = rng.nextBoolean() ? "yes" : "no";
    }
    return Table.builder()
        .numeric("x", x)
        .numeric("y", y)
        .numeric("w", w)
        .numeric("id", id)
        .categorical("color", color)
        .categorical("class", label)
        .role("class", ColumnRole.LABEL)
        .build();
  }

  static Perturbation perturbation(String name, String... keyValues) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return Registry.perturbations().get(name).create(params);
  }

  static double sd(double[] v) {
    double mean = Arrays.stream(v).average().orElseThrow();
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  @Test
  void gaussianNoiseHasScaleTimesTheColumnSdAndSeverityScalesIt() {
    Table in = table();
    double[] x = in.numeric("x").values();
    Perturbation noise = perturbation("gaussian-noise", "scale", "0.3", "columns", "x");
    for (double severity : new double[] {1, 0.5}) {
      double[] diff = minus(noise.apply(in, severity, Seed.of(1)).numeric("x").values(), x);
      double expected = 0.3 * severity * sd(x);
      // an sd estimated from 20,000 draws has a relative standard error of 1/sqrt(2n) = 0.5 %:
      // 3 % is 6 standard errors, and a noise of another scale (0.25, 0.35) is far outside
      assertThat(sd(diff)).isCloseTo(expected, within(0.03 * expected));
      // zero-mean noise: the standard error of the mean is expected / sqrt(n) = 0.7 % of it
      assertThat(Arrays.stream(diff).average().orElseThrow()).isCloseTo(0, within(0.04 * expected));
    }
    // only the named column changes
    Table out = noise.apply(in, 1, Seed.of(1));
    assertThat(out.numeric("y").values()).isEqualTo(in.numeric("y").values());
  }

  @Test
  void multiplicativeNoiseHasRelativeSdScale() {
    Table in = table();
    double[] x = in.numeric("x").values();
    double[] out =
        perturbation("multiplicative-noise", "scale", "0.2", "columns", "x")
            .apply(in, 1, Seed.of(2))
            .numeric("x")
            .values();
    double[] relative = new double[N];
    for (int r = 0; r < N; r++) {
      relative[r] = out[r] / x[r] - 1;
    }
    // relative change = 0.2 * N(0, 1): sd 0.2 within 6 standard errors (0.5 % each)
    assertThat(sd(relative)).isCloseTo(0.2, within(0.006));
    assertThat(Arrays.stream(relative).average().orElseThrow()).isCloseTo(0, within(0.006));
  }

  @Test
  void outliersReplaceExactlyTheShareAtKToTwoKInterquartileRanges() {
    Table in = table();
    double[] x = in.numeric("x").values();
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    // quartiles by the nearest order statistic; at 20,000 rows any quartile definition agrees
    // to well under 0.1 % of the IQR, inside the tolerance below
    double q1 = sorted[N / 4];
    double q3 = sorted[3 * N / 4];
    double iqr = q3 - q1;
    double[] out =
        perturbation("outliers", "rate", "0.1", "k", "3", "columns", "x")
            .apply(in, 1, Seed.of(3))
            .numeric("x")
            .values();
    int changed = 0;
    int above = 0;
    for (int r = 0; r < N; r++) {
      if (out[r] != x[r]) {
        changed++;
        double beyond = out[r] > q3 ? (out[r] - q3) / iqr : (q1 - out[r]) / iqr;
        assertThat(beyond).as("row %d in IQRs beyond the quartiles", r).isBetween(2.99, 6.01);
        above += out[r] > q3 ? 1 : 0;
      }
    }
    assertThat(changed).isEqualTo(2000);
    // a fair coin chooses the side: 1000 +- 22 (sd), so 900..1100 is over 4 sd
    assertThat(above).isBetween(900, 1100);
    // half the severity, half the share
    double[] half =
        perturbation("outliers", "rate", "0.1", "k", "3", "columns", "x")
            .apply(in, 0.5, Seed.of(3))
            .numeric("x")
            .values();
    assertThat(countDifferent(half, x)).isEqualTo(1000);
  }

  static int countDifferent(double[] a, double[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += Double.compare(a[i], b[i]) != 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void unitErrorMultipliesExactlyTheShareByTheFactor() {
    Table in = table();
    double[] y = in.numeric("y").values();
    double[] out =
        perturbation("unit-error", "rate", "0.05", "factor", "1000", "columns", "y")
            .apply(in, 1, Seed.of(4))
            .numeric("y")
            .values();
    int changed = 0;
    for (int r = 0; r < N; r++) {
      if (out[r] != y[r]) {
        changed++;
        assertThat(out[r]).isEqualTo(y[r] * 1000);
      }
    }
    assertThat(changed).isEqualTo(1000);
  }

  @Test
  void duplicatesAddExactlyRateTimesRowsCopiesOfDistinctRows() {
    Table in = table();
    Table out = perturbation("duplicates", "rate", "0.1").apply(in, 1, Seed.of(5));
    assertThat(out.rowCount()).isEqualTo(N + 2000);
    int[] times = new int[N];
    for (double id : out.numeric("id").values()) {
      times[(int) id]++;
    }
    assertThat(Arrays.stream(times).filter(t -> t == 1).count()).isEqualTo(N - 2000);
    assertThat(Arrays.stream(times).filter(t -> t == 2).count()).isEqualTo(2000);
    // the original rows keep their order: 0, 1, 2, ... is a subsequence of the output's ids
    // (a copy may come before its original, so first occurrences need not be in order)
    int next = 0;
    for (double id : out.numeric("id").values()) {
      if ((int) id == next) {
        next++;
      }
    }
    assertThat(next).isEqualTo(N);
  }

  @Test
  void rotationTurnsStandardizedPairsByTheAngleTimesSeverity() {
    Table in = table();
    double[] x = in.numeric("x").values();
    double[] y = in.numeric("y").values();
    double[] mx = Domain.meanStd(in.numeric("x"));
    double[] my = Domain.meanStd(in.numeric("y"));
    Perturbation rotation = perturbation("rotation", "columns", "x;y", "angle", "30");
    for (double severity : new double[] {1, 0.5}) {
      Table out = rotation.apply(in, severity, Seed.of(6));
      double[] ox = out.numeric("x").values();
      double[] oy = out.numeric("y").values();
      for (int r = 0; r < N; r += 97) {
        double zx = (x[r] - mx[0]) / mx[1];
        double zy = (y[r] - my[0]) / my[1];
        double ozx = (ox[r] - mx[0]) / mx[1];
        double ozy = (oy[r] - my[0]) / my[1];
        double turned = Math.toDegrees(Math.atan2(zx * ozy - zy * ozx, zx * ozx + zy * ozy));
        // the pair's order is shuffled by the seed, so the direction may be either
        assertThat(Math.abs(turned)).as("row %d", r).isCloseTo(30 * severity, within(1e-6));
        assertThat(Math.hypot(ozx, ozy)).isCloseTo(Math.hypot(zx, zy), within(1e-9));
      }
    }
  }

  @Test
  void swapColumnsSwapsExactlyTheShareOfRows() {
    // x and w, both positive: a negative value swapped into a column without negative values
    // would be clipped to 0 (the domain keeps non-negative columns non-negative)
    Table in = table();
    Table out =
        perturbation("swap-columns", "columns", "x;w", "rate", "0.1").apply(in, 1, Seed.of(7));
    double[] x = in.numeric("x").values();
    double[] y = in.numeric("w").values();
    double[] ox = out.numeric("x").values();
    double[] oy = out.numeric("w").values();
    int swapped = 0;
    for (int r = 0; r < N; r++) {
      boolean same = ox[r] == x[r] && oy[r] == y[r];
      boolean swap = ox[r] == y[r] && oy[r] == x[r];
      assertThat(same || swap).as("row %d", r).isTrue();
      swapped += swap ? 1 : 0;
    }
    assertThat(swapped).isEqualTo(2000);
  }

  @Test
  void typosInCaseModeUpperCaseExactlyTheShare() {
    Table in = table();
    Table out =
        perturbation("typos", "mode", "case", "rate", "0.1", "columns", "color")
            .apply(in, 1, Seed.of(8));
    int changed = 0;
    for (int r = 0; r < N; r++) {
      String before = in.categorical("color").level(r);
      String after = out.categorical("color").level(r);
      if (!before.equals(after)) {
        changed++;
        assertThat(after).isEqualTo(before.toUpperCase(java.util.Locale.ROOT));
      }
    }
    assertThat(changed).isEqualTo(2000);
  }

  static double missingShare(Table t, String column, boolean[] rows) {
    int n = 0;
    int missing = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      if (rows[r]) {
        n++;
        missing += t.column(column).isMissing(r) ? 1 : 0;
      }
    }
    return (double) missing / n;
  }

  static boolean[] aboveMedian(double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double median = sorted[v.length / 2];
    boolean[] out = new boolean[v.length];
    for (int r = 0; r < v.length; r++) {
      out[r] = v[r] >= median;
    }
    return out;
  }

  static boolean[] not(boolean[] b) {
    boolean[] out = new boolean[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = !b[i];
    }
    return out;
  }

  // Missing shares: under mar and mnar a cell's probability is 2 * rate * its rank share, so the
  // upper half of the driver averages 2 * 0.2 * 0.75 = 0.3 and the lower half 0.1, overall 0.2.
  // Each half has 10,000 rows: a share's standard error is at most 0.005, the tolerance 0.02.

  @Test
  void missingCompletelyAtRandomBlanksTheRateEverywhere() {
    Table in = table();
    Table out =
        perturbation("missing", "rate", "0.2", "mechanism", "mcar", "columns", "y")
            .apply(in, 1, Seed.of(9));
    boolean[] high = aboveMedian(in.numeric("x").values());
    assertThat(missingShare(out, "y", high)).isCloseTo(0.2, within(0.02));
    assertThat(missingShare(out, "y", not(high))).isCloseTo(0.2, within(0.02));
  }

  @Test
  void missingAtRandomFollowsTheByColumnAndLeavesItWhole() {
    Table in = table();
    Table out =
        perturbation("missing", "rate", "0.2", "mechanism", "mar", "columns", "y", "by", "x")
            .apply(in, 1, Seed.of(10));
    boolean[] highX = aboveMedian(in.numeric("x").values());
    boolean[] all = new boolean[N];
    Arrays.fill(all, true);
    assertThat(missingShare(out, "y", all)).isCloseTo(0.2, within(0.015));
    assertThat(missingShare(out, "y", highX)).isCloseTo(0.3, within(0.02));
    assertThat(missingShare(out, "y", not(highX))).isCloseTo(0.1, within(0.02));
    assertThat(out.numeric("x").values()).isEqualTo(in.numeric("x").values());
    // and not by the value itself: y is independent of x
    boolean[] highY = aboveMedian(in.numeric("y").values());
    assertThat(missingShare(out, "y", highY)).isCloseTo(0.2, within(0.02));
  }

  @Test
  void missingNotAtRandomFollowsTheValueItself() {
    Table in = table();
    Table out =
        perturbation("missing", "rate", "0.2", "mechanism", "mnar", "columns", "y")
            .apply(in, 1, Seed.of(11));
    boolean[] highY = aboveMedian(in.numeric("y").values());
    assertThat(missingShare(out, "y", highY)).isCloseTo(0.3, within(0.02));
    assertThat(missingShare(out, "y", not(highY))).isCloseTo(0.1, within(0.02));
    boolean[] highX = aboveMedian(in.numeric("x").values());
    assertThat(missingShare(out, "y", highX)).isCloseTo(0.2, within(0.02));
  }

  @Test
  void everyRegisteredPerturbationAtSeverityOneChangesTheTable() {
    Table input = Data.creditG();
    for (PerturbationProvider provider : Registry.perturbations().all()) {
      Map<String, String> params =
          new HashMap<>(ValidityPropertyTest.REQUIRED.getOrDefault(provider.name(), Map.of()));
      Perturbation p = provider.create(params);
      for (long s = 1; s <= 2; s++) {
        assertThat(p.apply(input, 1, Seed.of(s)))
            .as(provider.name() + " seed " + s + " at severity 1")
            .isNotEqualTo(input);
      }
    }
  }
}
