package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Black-box evasion attacks on any {@link Classifier}, tabular-aware: only numeric feature columns
 * move (not the label, not immutable columns, not missing cells), whole-number columns stay whole,
 * ranges hold (see {@link Domain}); categorical columns are never changed. The budget is an L-inf
 * or L2 ball whose radius {@code epsilon} is in per-column standard deviations (population std of a
 * reference table, by default the attacked one). An attack succeeds on a row when the model's
 * predicted class differs from its prediction on the clean row.
 *
 * <ul>
 *   <li><b>score-based</b> (random search, in the spirit of the Square attack and ZOO): starts at a
 *       random vertex of the budget box (L-inf) or a random point of the sphere (L2) and keeps a
 *       random change of a few coordinates when it lowers the margin {@code p(clean class) - max
 *       p(other)}; queries class probabilities.
 *   <li><b>decision-based</b> (HopSkipJump-style): reads only the predicted class. First samples
 *       random vertices (L-inf) or sphere points (L2) of the budget; then, for rows still standing,
 *       finds an adversarial point in a larger box, and repeats: binary search towards the row to
 *       the boundary, a sign estimate of the boundary's normal from random probes, a step along it,
 *       until the boundary point lies within the budget or the queries run out.
 * </ul>
 *
 * <p>Every query of a row's candidate counts, including the first prediction; no row exceeds {@code
 * maxQueries}.
 */
public final class EvasionAttack {
  /** The norm of the budget. */
  public enum Norm {
    LINF,
    L2
  }

  /** What the attack reads from the model. */
  public enum Method {
    DECISION,
    SCORE
  }

  /** How far outside the budget the decision-based attack looks for a starting point. */
  private static final double[] START_SCALES = {2, 4, 8, 16};

  private final Method method;
  private final Norm norm;
  private final double epsilon;
  private final int maxQueries;
  private final Map<String, String> domain;
  private final Table scaleReference;

  private EvasionAttack(
      Method method,
      Norm norm,
      double epsilon,
      int maxQueries,
      Map<String, String> domain,
      Table scaleReference) {
    this.method = Objects.requireNonNull(method, "method");
    this.norm = Objects.requireNonNull(norm, "norm");
    if (!(epsilon >= 0 && epsilon < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("epsilon is not a finite non-negative number: " + epsilon);
    }
    if (maxQueries < 2) {
      throw new IllegalArgumentException("max queries is less than 2: " + maxQueries);
    }
    this.epsilon = epsilon;
    this.maxQueries = maxQueries;
    this.domain = Map.copyOf(domain);
    this.scaleReference = scaleReference;
  }

  /** A decision-based attack with 1,000 queries per row. */
  public static EvasionAttack decisionBased(Norm norm, double epsilon) {
    return new EvasionAttack(Method.DECISION, norm, epsilon, 1000, Map.of(), null);
  }

  /** A score-based attack with 1,000 queries per row. */
  public static EvasionAttack scoreBased(Norm norm, double epsilon) {
    return new EvasionAttack(Method.SCORE, norm, epsilon, 1000, Map.of(), null);
  }

  public EvasionAttack withMaxQueries(int newMaxQueries) {
    return new EvasionAttack(method, norm, epsilon, newMaxQueries, domain, scaleReference);
  }

  /**
   * The domain parameters: {@code label}, {@code immutable}, {@code ranges} (see {@link Domain}).
   */
  public EvasionAttack withDomain(Map<String, String> newDomain) {
    return new EvasionAttack(method, norm, epsilon, maxQueries, newDomain, scaleReference);
  }

  /** The table whose per-column standard deviations define the budget's units. */
  public EvasionAttack withScaleReference(Table reference) {
    return new EvasionAttack(method, norm, epsilon, maxQueries, domain, reference);
  }

  public String describe() {
    return (method == Method.DECISION ? "decision-based" : "score-based")
        + (norm == Norm.LINF ? " L-inf" : " L2")
        + " eps="
        + epsilon
        + " queries<="
        + maxQueries;
  }

  /** Attacks every row of the table. */
  public AttackResult run(Classifier model, Table table, Seed seed) {
    return new Run(model, table, seed).attack();
  }

  private final class Run {
    final Classifier model;
    final Table table;
    final Domain dom;
    final List<String> cols;
    final int n;
    final int d;
    final double[][] x; // [row][col]
    final double[] s;
    final double[][] lo; // budget box in std units, after domain and whole numbers
    final double[][] hi;
    final double[][] wideLo; // the domain box, capped at the largest start scale
    final double[][] wideHi;
    final int[] queries;
    final int[] clean;
    final UniformRandomProvider rng;
    final ZigguratSampler.NormalizedGaussian gauss;

    Run(Classifier model, Table table, Seed seed) {
      this.model = model;
      this.table = table;
      this.dom = Domain.of(table, "attack", domain);
      List<String> c = new ArrayList<>();
      for (String name : dom.mutable(ColumnType.NUMERIC)) {
        if (table.schema().spec(name).role() == ColumnRole.FEATURE) {
          c.add(name);
        }
      }
      this.cols = List.copyOf(c);
      this.n = table.rowCount();
      this.d = cols.size();
      this.x = new double[n][d];
      this.s = new double[d];
      this.lo = new double[n][d];
      this.hi = new double[n][d];
      this.wideLo = new double[n][d];
      this.wideHi = new double[n][d];
      Table ref = scaleReference == null ? table : scaleReference;
      for (int j = 0; j < d; j++) {
        s[j] = Domain.meanStd(ref.numeric(cols.get(j)))[1];
        NumericColumn col = table.numeric(cols.get(j));
        for (int r = 0; r < n; r++) {
          x[r][j] = col.get(r);
          box(r, j, epsilon, lo, hi);
          box(r, j, epsilon * START_SCALES[START_SCALES.length - 1], wideLo, wideHi);
        }
      }
      this.queries = new int[n];
      this.rng = seed.rng("evasion-attack", 0);
      this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      this.clean = predict(identity(n), new double[n][d]);
    }

    /** The feasible offsets (std units) of a cell within radius {@code e}; [0, 0] if fixed. */
    private void box(int r, int j, double e, double[][] outLo, double[][] outHi) {
      double v = x[r][j];
      String name = cols.get(j);
      double[] b = dom.bounds(name);
      double a = Math.max(b[0], v - e * s[j]);
      double z = Math.min(b[1], v + e * s[j]);
      if (dom.isInteger(name)) {
        a = Math.ceil(a - 1e-9);
        z = Math.floor(z + 1e-9);
      }
      if (Double.isNaN(v) || a > v || z < v) {
        outLo[r][j] = 0;
        outHi[r][j] = 0;
      } else {
        outLo[r][j] = (a - v) / s[j];
        outHi[r][j] = (z - v) / s[j];
      }
    }

    /** The value a row's column takes at an offset: whole numbers rounded towards the row. */
    double value(int r, int j, double z) {
      double v = x[r][j] + z * s[j];
      if (dom.isInteger(cols.get(j))) {
        double delta = z * s[j];
        v =
            x[r][j]
                + (norm == Norm.L2
                    ? (delta < 0 ? Math.ceil(delta - 1e-9) : Math.floor(delta + 1e-9))
                    : Math.rint(delta));
      }
      return Double.isNaN(x[r][j]) ? x[r][j] : v;
    }

    /** The offset actually applied (after rounding), in std units. */
    double[] realized(int r, double[] z) {
      double[] out = new double[d];
      for (int j = 0; j < d; j++) {
        out[j] = Double.isNaN(x[r][j]) ? 0 : (value(r, j, z[j]) - x[r][j]) / s[j];
      }
      return out;
    }

    double size(double[] z) {
      double m = 0;
      for (double v : z) {
        m = norm == Norm.LINF ? Math.max(m, Math.abs(v)) : m + v * v;
      }
      return norm == Norm.LINF ? m : Math.sqrt(m);
    }

    Table candidates(int[] rows, double[][] z) {
      Table t = table.take(rows);
      for (int j = 0; j < d; j++) {
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          v[i] = value(rows[i], j, z[i][j]);
        }
        t = Domain.replace(t, cols.get(j), NumericColumn.of(v));
      }
      for (int r : rows) {
        queries[r]++;
      }
      return t;
    }

    int[] predict(int[] rows, double[][] z) {
      ClassProbabilities p = model.predictProba(candidates(rows, z));
      int[] out = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = p.argmax(i);
      }
      return out;
    }

    AttackResult attack() {
      double[][] found = new double[n][];
      if (d > 0) {
        if (method == Method.SCORE) {
          scoreBased(found);
        } else {
          decisionBased(found);
        }
        for (int r = 0; r < n; r++) {
          if (found[r] != null) {
            found[r] = shrink(r, found[r]);
          }
        }
      }
      return result(found);
    }

    /** A random point of the budget: a vertex (L-inf) or a point of the sphere (L2). */
    double[] randomPoint(int r, double[][] a, double[][] b) {
      double[] z = new double[d];
      if (norm == Norm.LINF) {
        for (int j = 0; j < d; j++) {
          z[j] = rng.nextBoolean() ? a[r][j] : b[r][j];
        }
        return z;
      }
      for (int j = 0; j < d; j++) {
        z[j] = gauss.sample();
      }
      return project(r, scale(z, epsilon / Math.max(1e-12, size(z))), a, b, epsilon);
    }

    double[] scale(double[] z, double k) {
      double[] out = z.clone();
      for (int j = 0; j < out.length; j++) {
        out[j] *= k;
      }
      return out;
    }

    /** Clamps into the box, then (L2) shrinks into the ball of radius {@code e}. */
    double[] project(int r, double[] z, double[][] a, double[][] b, double e) {
      double[] out = new double[d];
      for (int j = 0; j < d; j++) {
        out[j] = Math.min(b[r][j], Math.max(a[r][j], z[j]));
      }
      double m = size(out);
      return norm == Norm.L2 && m > e ? scale(out, e / m) : out;
    }

    void scoreBased(double[][] found) {
      double[][] best = new double[n][];
      double[] bestMargin = new double[n];
      int[] all = identity(n);
      double[][] start = new double[n][];
      for (int r = 0; r < n; r++) {
        start[r] = randomPoint(r, lo, hi);
      }
      evaluate(all, start, best, bestMargin, found, true);
      for (int it = 1; ; it++) {
        List<Integer> active = new ArrayList<>();
        for (int r = 0; r < n; r++) {
          if (found[r] == null && queries[r] < maxQueries) {
            active.add(r);
          }
        }
        if (active.isEmpty()) {
          return;
        }
        int[] rows = active.stream().mapToInt(Integer::intValue).toArray();
        double frac = Math.max(1.0 / d, 0.5 * (1 - (double) it / maxQueries));
        int m = Math.max(1, (int) Math.round(frac * d));
        double[][] proposal = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
          int r = rows[i];
          double[] z = best[r].clone();
          for (int k = 0; k < m; k++) {
            int j = rng.nextInt(d);
            if (norm == Norm.LINF) {
              if (rng.nextDouble() < 0.8) {
                z[j] = z[j] == hi[r][j] ? lo[r][j] : hi[r][j];
              } else {
                z[j] = lo[r][j] + rng.nextDouble() * (hi[r][j] - lo[r][j]);
              }
            } else {
              z[j] += gauss.sample() * epsilon / Math.sqrt(m);
            }
          }
          proposal[i] = project(r, z, lo, hi, epsilon);
        }
        evaluate(rows, proposal, best, bestMargin, found, false);
      }
    }

    private void evaluate(
        int[] rows,
        double[][] z,
        double[][] best,
        double[] bestMargin,
        double[][] found,
        boolean first) {
      ClassProbabilities p = model.predictProba(candidates(rows, z));
      for (int i = 0; i < rows.length; i++) {
        int r = rows[i];
        double other = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.classCount(); c++) {
          if (c != clean[r]) {
            other = Math.max(other, p.get(i, c));
          }
        }
        double margin = p.get(i, clean[r]) - other;
        if (first || margin < bestMargin[r]) {
          best[r] = z[i];
          bestMargin[r] = margin;
        }
        if (p.argmax(i) != clean[r]) {
          found[r] = z[i];
        }
      }
    }

    void decisionBased(double[][] found) {
      // Phase 1: random points of the budget, all rows at once, a quarter of the queries.
      for (int round = 0; round < maxQueries / 4; round++) {
        List<Integer> active = new ArrayList<>();
        for (int r = 0; r < n; r++) {
          if (found[r] == null && queries[r] < maxQueries) {
            active.add(r);
          }
        }
        if (active.isEmpty()) {
          return;
        }
        int[] rows = active.stream().mapToInt(Integer::intValue).toArray();
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
          z[i] = randomPoint(rows[i], lo, hi);
        }
        int[] pred = predict(rows, z);
        for (int i = 0; i < rows.length; i++) {
          if (pred[i] != clean[rows[i]]) {
            found[rows[i]] = z[i];
          }
        }
      }
      // Phase 2: boundary walk, one row at a time.
      for (int r = 0; r < n; r++) {
        if (found[r] == null) {
          found[r] = boundaryWalk(r);
        }
      }
    }

    boolean adversarial(int r, double[] z) {
      return predict(new int[] {r}, new double[][] {z})[0] != clean[r];
    }

    int left(int r) {
      return maxQueries - queries[r];
    }

    double[] boundaryWalk(int r) {
      double[] adv = null;
      for (double scale : START_SCALES) {
        double e = epsilon * scale;
        for (int k = 0; k < 10 && adv == null && left(r) > 0; k++) {
          double[] z = randomPoint(r, wideLo, wideHi);
          if (norm == Norm.LINF) {
            for (int j = 0; j < d; j++) {
              z[j] = Math.max(-e, Math.min(e, z[j]));
            }
          } else {
            z = scale(z, e / Math.max(1e-12, epsilon));
            z = project(r, z, wideLo, wideHi, e);
          }
          if (adversarial(r, z)) {
            adv = z;
          }
        }
      }
      for (int iter = 1; adv != null && left(r) > 0; iter++) {
        // Binary search between the row (not adversarial) and adv (adversarial).
        double tLo = 0;
        double tHi = 1;
        while (tHi - tLo > 1e-3 && left(r) > 0) {
          double t = (tLo + tHi) / 2;
          if (adversarial(r, scale(adv, t))) {
            tHi = t;
          } else {
            tLo = t;
          }
        }
        double[] boundary = scale(adv, tHi);
        double dist = size(realized(r, boundary));
        if (dist <= epsilon + 1e-9) {
          return boundary;
        }
        double[] clipped = project(r, boundary, lo, hi, epsilon);
        if (left(r) > 0 && adversarial(r, clipped)) {
          return clipped;
        }
        // Estimate the boundary's normal from the signs of random probes.
        int m = Math.min(left(r), Math.min(100, 10 + 5 * iter));
        if (m <= 1) {
          return null;
        }
        double delta = Math.max(1e-3, 0.05 * dist);
        double[][] u = new double[m][d];
        double[][] probes = new double[m][];
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < d; j++) {
            u[i][j] = norm == Norm.LINF ? (rng.nextBoolean() ? 1 : -1) : gauss.sample();
          }
          double[] pz = boundary.clone();
          for (int j = 0; j < d; j++) {
            pz[j] += delta * u[i][j];
          }
          probes[i] = project(r, pz, wideLo, wideHi, Double.POSITIVE_INFINITY);
        }
        int[] rows = new int[m];
        java.util.Arrays.fill(rows, r);
        int[] pred = predict(rows, probes);
        double mean = 0;
        double[] phi = new double[m];
        for (int i = 0; i < m; i++) {
          phi[i] = pred[i] != clean[r] ? 1 : -1;
          mean += phi[i] / m;
        }
        double[] g = new double[d];
        for (int i = 0; i < m; i++) {
          double w = Math.abs(mean) == 1 ? phi[i] : phi[i] - mean;
          for (int j = 0; j < d; j++) {
            g[j] += w * u[i][j];
          }
        }
        double[] v = new double[d];
        double gn = 0;
        for (int j = 0; j < d; j++) {
          gn += g[j] * g[j];
        }
        for (int j = 0; j < d; j++) {
          v[j] = norm == Norm.LINF ? Math.signum(g[j]) : g[j] / Math.max(1e-12, Math.sqrt(gn));
        }
        // Step along the estimate, halving until the point is adversarial.
        double xi = dist / Math.sqrt(iter);
        double[] next = null;
        for (int k = 0; k < 10 && left(r) > 0; k++, xi /= 2) {
          double[] c = boundary.clone();
          for (int j = 0; j < d; j++) {
            c[j] += xi * v[j];
          }
          c = project(r, c, wideLo, wideHi, Double.POSITIVE_INFINITY);
          if (adversarial(r, c)) {
            next = c;
            break;
          }
        }
        adv = next == null ? boundary : next;
      }
      return null;
    }

    /** Moves a success towards its row along the line, by binary search with up to 8 queries. */
    double[] shrink(int r, double[] z) {
      double tLo = 0;
      double tHi = 1;
      for (int k = 0; k < 8 && left(r) > 0; k++) {
        double t = (tLo + tHi) / 2;
        if (adversarial(r, scale(z, t))) {
          tHi = t;
        } else {
          tLo = t;
        }
      }
      return scale(z, tHi);
    }

    AttackResult result(double[][] found) {
      String label = dom.label();
      List<Integer> successes = new ArrayList<>();
      double sumNorm = 0;
      double sumRelative = 0;
      Table adversarial = table;
      double[][] values = new double[d][n];
      for (int r = 0; r < n; r++) {
        double[] z = found[r] == null ? new double[d] : found[r];
        for (int j = 0; j < d; j++) {
          values[j][r] = found[r] == null ? x[r][j] : value(r, j, z[j]);
        }
        if (found[r] != null) {
          successes.add(r);
          double[] real = realized(r, z);
          double[] base = new double[d];
          for (int j = 0; j < d; j++) {
            base[j] = Double.isNaN(x[r][j]) ? 0 : x[r][j] / s[j];
          }
          double m = size(real);
          sumNorm += m;
          sumRelative += m / Math.max(1e-12, size(base));
        }
      }
      for (int j = 0; j < d; j++) {
        adversarial = Domain.replace(adversarial, cols.get(j), NumericColumn.of(values[j]));
      }
      int total = 0;
      int most = 0;
      for (int q : queries) {
        total += q;
        most = Math.max(most, q);
      }
      int k = successes.size();
      return new AttackResult(
          describe(),
          n,
          k,
          accuracy(table, label),
          accuracy(adversarial, label),
          k == 0 ? Double.NaN : sumNorm / k,
          k == 0 ? Double.NaN : sumRelative / k,
          n == 0 ? 0 : (double) total / n,
          most,
          successes,
          adversarial);
    }

    double accuracy(Table t, String label) {
      if (label == null || n == 0) {
        return Double.NaN;
      }
      String[] predicted = model.predict(t);
      int correct = 0;
      for (int r = 0; r < n; r++) {
        correct += predicted[r].equals(t.column(label).format(r)) ? 1 : 0;
      }
      return (double) correct / n;
    }
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
