package dev.gauntlet.generators.perturb;

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

  private final class Run extends AttackSpace {
    final Classifier model;
    final double[][] wideLo; // the domain box, capped at the largest start scale
    final double[][] wideHi;
    final int[] clean;
    final UniformRandomProvider rng;
    final ZigguratSampler.NormalizedGaussian gauss;

    Run(Classifier model, Table table, Seed seed) {
      super(table, EvasionAttack.this.norm, EvasionAttack.this.epsilon, domain, scaleReference);
      this.model = model;
      this.wideLo = new double[n][d];
      this.wideHi = new double[n][d];
      for (int j = 0; j < d; j++) {
        for (int r = 0; r < n; r++) {
          box(r, j, epsilon * START_SCALES[START_SCALES.length - 1], wideLo, wideHi);
        }
      }
      this.rng = seed.rng("evasion-attack", 0);
      this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      this.clean = predict(identity(n), new double[n][d]);
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
      return result(describe(), model, found);
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
  }
}
