package dev.gauntlet.generators.stat;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Correlations;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Fits column models and the copula's correlation matrix to a sample. */
final class Fitting {
  /**
   * A parametric family is kept when its KS statistic is below the asymptotic critical value at the
   * 1% level, 1.628 / √n; otherwise the column falls back to its empirical quantile function.
   */
  static final double KS_CRITICAL_1PCT = 1.628;

  private Fitting() {}

  static List<ColumnModel> columns(Table sample) {
    List<ColumnModel> out = new ArrayList<>();
    for (int c = 0; c < sample.columnCount(); c++) {
      String name = sample.schema().get(c).name();
      Column col = sample.column(c);
      out.add(
          col instanceof NumericColumn n
              ? numeric(name, n.values())
              : categorical(name, (CategoricalColumn) col));
    }
    return out;
  }

  /**
   * A numeric column's model: the family among normal, log-normal, gamma, beta (on the observed
   * range), uniform and truncated normal with the smallest KS statistic, or the empirical quantile
   * function when even the best is rejected at 1%; min, max, decimal places and missing rate as
   * observed.
   */
  static ColumnModel.Numeric numeric(String name, double[] values) {
    double[] x = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    int n = x.length;
    double missing = values.length == 0 ? 0 : 1 - (double) n / values.length;
    if (n == 0) {
      return new ColumnModel.Numeric(name, new Distribution.Constant(0), null, null, 0, 1, null);
    }
    double lo = x[0];
    double hi = x[n - 1];
    Integer decimals = decimals(x);
    if (lo == hi) {
      return new ColumnModel.Numeric(
          name, new Distribution.Constant(lo), lo, hi, decimals, missing, 0.0);
    }
    Distribution best = null;
    double bestKs = Double.POSITIVE_INFINITY;
    for (Distribution d : candidates(x)) {
      double ks = ks(x, d);
      if (ks < bestKs) {
        best = d;
        bestKs = ks;
      }
    }
    if (best == null || bestKs > KS_CRITICAL_1PCT / Math.sqrt(n)) {
      best = Distribution.Empirical.ofSorted(x, NumericTables.U_INTERVALS);
      bestKs = ks(x, best);
    }
    return new ColumnModel.Numeric(name, best, lo, hi, decimals, missing, bestKs);
  }

  /** Moment and maximum-likelihood fits of each family that applies to the sorted sample. */
  static List<Distribution> candidates(double[] x) {
    int n = x.length;
    double lo = x[0];
    double hi = x[n - 1];
    double mean = Arrays.stream(x).average().orElse(0);
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double var = ss / Math.max(1, n - 1);
    double sd = Math.sqrt(var);
    // a margin so the observed extremes are inside open supports
    double delta = (hi - lo) / n;
    List<Distribution> out = new ArrayList<>();
    tryAdd(out, () -> new Distribution.Normal(mean, sd));
    tryAdd(out, () -> new Distribution.TruncatedNormal(mean, sd, lo, hi));
    tryAdd(out, () -> new Distribution.Uniform(lo, hi));
    if (lo > 0) {
      double lm = 0;
      for (double v : x) {
        lm += Math.log(v);
      }
      double logMean = lm / n;
      double lv = 0;
      for (double v : x) {
        lv += (Math.log(v) - logMean) * (Math.log(v) - logMean);
      }
      double logSd = Math.sqrt(lv / Math.max(1, n - 1));
      tryAdd(out, () -> new Distribution.LogNormal(logMean, logSd));
    }
    double loc = lo - delta;
    double m = mean - loc;
    tryAdd(out, () -> new Distribution.Gamma(m * m / var, var / m, loc));
    double a = lo - delta;
    double b = hi + delta;
    double mu = (mean - a) / (b - a);
    double v = var / ((b - a) * (b - a));
    double common = mu * (1 - mu) / v - 1;
    tryAdd(out, () -> new Distribution.Beta(mu * common, (1 - mu) * common, a, b));
    return out;
  }

  private static void tryAdd(
      List<Distribution> out, java.util.function.Supplier<Distribution> make) {
    try {
      out.add(make.get());
    } catch (IllegalArgumentException e) {
      // parameters out of range for this sample: the family does not apply
    }
  }

  /** The KS statistic of a sorted sample against a distribution's CDF (ties handled). */
  static double ks(double[] sorted, Distribution d) {
    int n = sorted.length;
    double max = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && sorted[j] == sorted[i]) {
        j++;
      }
      // below the value the CDF is F(v-), at it F(v): compare each with the ECDF there
      double below = d.cdf(Math.nextDown(sorted[i]));
      double at = d.cdf(sorted[i]);
      max =
          Math.max(max, Math.max(Math.abs(below - (double) i / n), Math.abs(at - (double) j / n)));
      i = j;
    }
    return max;
  }

  /** The fewest decimal places (at most 10) that hold every value exactly, or null. */
  static Integer decimals(double[] x) {
    int most = 0;
    for (double v : x) {
      int d = 0;
      double scale = 1;
      while (d <= 10 && Math.rint(v * scale) / scale != v) {
        d++;
        scale *= 10;
      }
      if (d > 10) {
        return null;
      }
      most = Math.max(most, d);
    }
    return most;
  }

  static ColumnModel.Categorical categorical(String name, CategoricalColumn c) {
    int[] counts = c.counts();
    List<String> levels = c.levels();
    int present = Arrays.stream(counts).sum();
    double missing = c.size() == 0 ? 0 : 1 - (double) present / c.size();
    if (levels.isEmpty()) {
      return new ColumnModel.Categorical(name, List.of("(none)"), new double[] {1}, 1);
    }
    double[] p = new double[counts.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = present == 0 ? 1.0 / p.length : (double) counts[i] / present;
    }
    return new ColumnModel.Categorical(name, levels, p, missing);
  }

  /**
   * The copula's correlation matrix: Pearson correlations (pairwise complete) of normal scores. A
   * numeric value's score is Φ⁻¹((rank + ½) / n), ties broken at random; a categorical value's is
   * Φ⁻¹ of a uniform point in its level's interval (levels laid out by decreasing frequency, as SDV
   * does). Then repaired to the nearest positive definite correlation matrix.
   */
  static double[][] correlation(
      Table sample, List<ColumnModel> models, NumericTables[] tables, Seed seed) {
    UniformRandomProvider rng = seed.rng();
    NormalDistribution phi = NormalDistribution.of(0, 1);
    int k = models.size();
    double[][] scores = new double[k][];
    for (int c = 0; c < k; c++) {
      Column col = sample.column(c);
      ColumnModel m = models.get(c);
      double[] z = new double[col.size()];
      Arrays.fill(z, Double.NaN);
      if (col instanceof NumericColumn num) {
        double[] v = num.values();
        double[] jitter = new double[v.length];
        List<Integer> present = new ArrayList<>();
        for (int r = 0; r < v.length; r++) {
          jitter[r] = rng.nextDouble();
          if (!Double.isNaN(v[r])) {
            present.add(r);
          }
        }
        present.sort(
            (a, b) -> {
              int cmp = Double.compare(v[a], v[b]);
              return cmp != 0 ? cmp : Double.compare(jitter[a], jitter[b]);
            });
        int n = present.size();
        for (int rank = 0; rank < n; rank++) {
          z[present.get(rank)] = phi.inverseCumulativeProbability((rank + 0.5) / n);
        }
      } else {
        ColumnModel.Categorical cm = (ColumnModel.Categorical) m;
        Engine.Categories cats = new Engine.Categories(cm.levels(), cm.probabilities());
        int[] position = new int[cm.levels().size()];
        for (int i = 0; i < cats.order.length; i++) {
          position[cats.order[i]] = i;
        }
        CategoricalColumn kc = (CategoricalColumn) col;
        for (int r = 0; r < kc.size(); r++) {
          int code = kc.code(r);
          double u = rng.nextDouble();
          if (code >= 0) {
            int i = position[code];
            double from = cats.intervalStart(i);
            double to = cats.cumulative[i];
            double p = from + u * (to - from);
            z[r] = phi.inverseCumulativeProbability(Math.min(1 - 1e-12, Math.max(1e-12, p)));
          }
        }
      }
      scores[c] = z;
    }
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      r[i][i] = 1;
      for (int j = 0; j < i; j++) {
        double v = Correlations.pearson(scores[i], scores[j]);
        r[i][j] = v;
        r[j][i] = v;
      }
    }
    matchPearson(r, sample, tables);
    return Correlation.repair(r);
  }

  /** Nodes per latent axis in {@link #matchPearson}: equal-probability strata of N(0, 1). */
  static final int NORTA_NODES = 128;

  /**
   * NORTA ("normal to anything", Cario and Nelson 1997): for every pair of numeric columns, the
   * latent correlation ρ whose generated values have the sample's Pearson correlation. The
   * expectation E[X Y] under ρ is a double sum over {@value #NORTA_NODES} equal-probability normal
   * strata per axis (error about 1/{@value #NORTA_NODES} for step-like marginals); it grows with ρ,
   * so ρ is found by bisection. A correlation out of reach is met by the nearest ρ.
   */
  static void matchPearson(double[][] r, Table sample, NumericTables[] tables) {
    NormalDistribution phi = NormalDistribution.of(0, 1);
    int m = NORTA_NODES;
    double[] nodes = new double[m];
    for (int i = 0; i < m; i++) {
      nodes[i] = phi.inverseCumulativeProbability((i + 0.5) / m);
    }
    int k = tables.length;
    double[][] atNodes = new double[k][];
    double[] mean = new double[k];
    double[] sd = new double[k];
    for (int c = 0; c < k; c++) {
      if (tables[c] != null) {
        atNodes[c] = new double[m];
        for (int i = 0; i < m; i++) {
          atNodes[c][i] = tables[c].fromNormal(nodes[i]);
          mean[c] += atNodes[c][i] / m;
        }
        for (int i = 0; i < m; i++) {
          sd[c] += (atNodes[c][i] - mean[c]) * (atNodes[c][i] - mean[c]) / m;
        }
        sd[c] = Math.sqrt(sd[c]);
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        if (tables[a] == null || tables[b] == null || !(sd[a] > 0) || !(sd[b] > 0)) {
          continue;
        }
        double target =
            Correlations.pearson(
                ((NumericColumn) sample.column(a)).values(),
                ((NumericColumn) sample.column(b)).values());
        if (!Double.isFinite(target)) {
          continue;
        }
        double lo = -0.9999;
        double hi = 0.9999;
        for (int it = 0; it < 16; it++) {
          double rho = 0.5 * (lo + hi);
          double s = Math.sqrt(1 - rho * rho);
          double e = 0;
          for (int i = 0; i < m; i++) {
            double inner = 0;
            double base = rho * nodes[i];
            for (int j = 0; j < m; j++) {
              inner += tables[b].fromNormal(base + s * nodes[j]);
            }
            e += atNodes[a][i] * inner;
          }
          double corr = (e / ((double) m * m) - mean[a] * mean[b]) / (sd[a] * sd[b]);
          if (corr < target) {
            lo = rho;
          } else {
            hi = rho;
          }
        }
        r[a][b] = 0.5 * (lo + hi);
        r[b][a] = r[a][b];
      }
    }
  }
}
