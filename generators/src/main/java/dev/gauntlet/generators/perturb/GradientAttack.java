package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * White-box evasion attacks on a {@link Differentiable} model: the fast gradient sign method (FGSM,
 * Goodfellow et al. 2015) and projected gradient descent (PGD, Madry et al. 2018), under the same
 * budget, domain and result as the black-box {@link EvasionAttack}s, so the two read the same way:
 * an L-inf or L2 ball of radius {@code epsilon} in per-column standard deviations (of a reference
 * table, by default the attacked one) over the numeric feature columns that are neither the label
 * nor immutable; categorical columns never change.
 *
 * <p>Gradients are taken with respect to the model's encoded input and carried to the attack's
 * offsets by the chain rule: an offset {@code z} (std units) moves the raw value by {@code z s} and
 * the encoded feature by {@code z s / scale}, where {@code scale} is the encoder's fitted standard
 * deviation ({@link FeatureEncoder#scale}); when the reference table is the training table, one std
 * unit is exactly 1.0 in encoded units.
 *
 * <p>Each step moves along the gradient's sign (L-inf) or its normalized direction (L2), ascending
 * the cross-entropy of the clean prediction (untargeted) or descending that of the target class
 * (targeted), then projects onto the valid set: the budget box after the domain (declared ranges,
 * non-negativity, whole-number bounds rounded inward), then, for L2, the ball. Iterates are
 * continuous; whole-number columns are rounded only when a candidate is checked (to the nearest
 * whole number for L-inf, towards the row for L2, so the rounded point stays within the budget),
 * and a row counts as a success only if its rounded candidate is still adversarial. PGD stops for a
 * row at the first step whose rounded candidate is adversarial.
 *
 * <p>A query is one model call on a row: the clean prediction, each forward-and-backward pass, and
 * each check of a rounded candidate. FGSM uses 3 per row; PGD at most {@code 2 steps + 2}.
 */
public final class GradientAttack {
  /** The attack. */
  public enum Method {
    FGSM,
    PGD
  }

  private final Method method;
  private final Norm norm;
  private final double epsilon;
  private final int steps;
  private final double stepSize;
  private final boolean randomStart;
  private final String target;
  private final Map<String, String> domain;
  private final Table scaleReference;

  private GradientAttack(
      Method method,
      Norm norm,
      double epsilon,
      int steps,
      double stepSize,
      boolean randomStart,
      String target,
      Map<String, String> domain,
      Table scaleReference) {
    this.method = Objects.requireNonNull(method, "method");
    this.norm = Objects.requireNonNull(norm, "norm");
    if (!(epsilon >= 0 && epsilon < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("epsilon is not a finite non-negative number: " + epsilon);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps is not positive: " + steps);
    }
    if (!Double.isNaN(stepSize) && !(stepSize >= 0 && stepSize < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "step size is not a finite non-negative number: " + stepSize);
    }
    this.epsilon = epsilon;
    this.steps = steps;
    this.stepSize = stepSize;
    this.randomStart = randomStart;
    this.target = target;
    this.domain = Map.copyOf(domain);
    this.scaleReference = scaleReference;
  }

  /** FGSM: one step of size {@code epsilon} from the row. */
  public static GradientAttack fgsm(Norm norm, double epsilon) {
    return new GradientAttack(
        Method.FGSM, norm, epsilon, 1, Double.NaN, false, null, Map.of(), null);
  }

  /**
   * PGD with Madry et al.'s defaults: 40 steps of {@code 2.5 epsilon / steps}, from a uniformly
   * random point of the budget.
   */
  public static GradientAttack pgd(Norm norm, double epsilon) {
    return new GradientAttack(
        Method.PGD, norm, epsilon, 40, Double.NaN, true, null, Map.of(), null);
  }

  /** The number of PGD steps (FGSM takes one whatever this says). */
  public GradientAttack withSteps(int newSteps) {
    return new GradientAttack(
        method, norm, epsilon, newSteps, stepSize, randomStart, target, domain, scaleReference);
  }

  /** The PGD step in std units (default {@code 2.5 epsilon / steps}; FGSM's is {@code epsilon}). */
  public GradientAttack withStepSize(double newStepSize) {
    return new GradientAttack(
        method, norm, epsilon, steps, newStepSize, randomStart, target, domain, scaleReference);
  }

  /** Whether PGD starts at a uniformly random point of the budget rather than at the row. */
  public GradientAttack withRandomStart(boolean newRandomStart) {
    return new GradientAttack(
        method, norm, epsilon, steps, stepSize, newRandomStart, target, domain, scaleReference);
  }

  /**
   * A targeted attack: it succeeds on a row when the model predicts {@code cls}; rows already
   * predicted as {@code cls} are not attacked and do not count as successes. Null: untargeted.
   */
  public GradientAttack withTarget(String cls) {
    return new GradientAttack(
        method, norm, epsilon, steps, stepSize, randomStart, cls, domain, scaleReference);
  }

  /**
   * The domain parameters: {@code label}, {@code immutable}, {@code ranges} (see {@link Domain}).
   */
  public GradientAttack withDomain(Map<String, String> newDomain) {
    return new GradientAttack(
        method, norm, epsilon, steps, stepSize, randomStart, target, newDomain, scaleReference);
  }

  /** The table whose per-column standard deviations define the budget's units. */
  public GradientAttack withScaleReference(Table reference) {
    return new GradientAttack(
        method, norm, epsilon, steps, stepSize, randomStart, target, domain, reference);
  }

  private int effectiveSteps() {
    return method == Method.FGSM ? 1 : steps;
  }

  private double effectiveStepSize() {
    if (method == Method.FGSM) {
      return epsilon;
    }
    return Double.isNaN(stepSize) ? 2.5 * epsilon / steps : stepSize;
  }

  private boolean effectiveRandomStart() {
    return method == Method.PGD && randomStart;
  }

  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(method == Method.FGSM ? "FGSM" : "PGD")
        .append(norm == Norm.LINF ? " L-inf" : " L2")
        .append(" eps=")
        .append(epsilon);
    if (method == Method.PGD) {
      b.append(" steps=").append(steps).append(" step=").append(effectiveStepSize());
      if (randomStart) {
        b.append(" random-start");
      }
    }
    if (target != null) {
      b.append(" target=").append(target);
    }
    return b.toString();
  }

  /** Attacks every row of the table. */
  public AttackResult run(Differentiable model, Table table, Seed seed) {
    return new Run(model, table, seed).attack();
  }

  private final class Run extends AttackSpace {
    final Differentiable model;
    final FeatureMatrix base;
    final int[] feature; // encoded index of each attacked column, -1 if the model does not read it
    final double[] factor; // d(encoded feature) / d(offset in std units)
    final int[] clean;
    final int targetIndex;
    final UniformRandomProvider rng;
    final ZigguratSampler.NormalizedGaussian gauss;

    Run(Differentiable model, Table table, Seed seed) {
      super(table, GradientAttack.this.norm, GradientAttack.this.epsilon, domain, scaleReference);
      this.model = model;
      FeatureEncoder encoder = model.encoder();
      this.base = encoder.transform(table);
      this.feature = new int[d];
      this.factor = new double[d];
      List<String> names = encoder.featureNames();
      for (int j = 0; j < d; j++) {
        String c = cols.get(j);
        feature[j] = encoder.columns().contains(c) ? names.indexOf(c) : -1;
        factor[j] = feature[j] < 0 ? 0 : s[j] / encoder.scale(c);
      }
      if (target == null) {
        targetIndex = -1;
      } else {
        targetIndex = model.classes().indexOf(target);
        if (targetIndex < 0) {
          throw new IllegalArgumentException(
              "target class \""
                  + target
                  + "\" is not one of the model's classes "
                  + model.classes());
        }
      }
      this.rng = seed.rng("gradient-attack", 0);
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

    boolean wins(int r, int predicted) {
      return targetIndex < 0 ? predicted != clean[r] : predicted == targetIndex;
    }

    /** The encoded rows at continuous offsets (no rounding: the gradient's point). */
    FeatureMatrix encoded(int[] rows, double[][] z) {
      int w = base.cols();
      double[] data = new double[rows.length * w];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(base.data(), rows[i] * w, data, i * w, w);
        for (int j = 0; j < d; j++) {
          if (feature[j] >= 0) {
            data[i * w + feature[j]] += z[i][j] * factor[j];
          }
        }
      }
      return new FeatureMatrix(rows.length, w, data, base.names());
    }

    double[] start(int r) {
      double[] z = new double[d];
      if (!effectiveRandomStart()) {
        return z;
      }
      if (norm == Norm.LINF) {
        for (int j = 0; j < d; j++) {
          z[j] = lo[r][j] + rng.nextDouble() * (hi[r][j] - lo[r][j]);
        }
        return z;
      }
      for (int j = 0; j < d; j++) {
        z[j] = gauss.sample();
      }
      double radius = epsilon * Math.pow(rng.nextDouble(), 1.0 / Math.max(1, d));
      return project(r, scale(z, radius / Math.max(1e-12, size(z))), lo, hi, epsilon);
    }

    AttackResult attack() {
      double[][] found = new double[n][];
      if (d > 0) {
        search(found);
      }
      return result(describe(), model, found);
    }

    void search(double[][] found) {
      double[][] z = new double[n][];
      List<Integer> active = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        z[r] = start(r);
        if (targetIndex < 0 || clean[r] != targetIndex) {
          active.add(r);
        }
      }
      double alpha = effectiveStepSize();
      double sign =
          targetIndex < 0 ? 1 : -1; // ascend the clean class's loss, or descend the target's
      int w = base.cols();
      for (int it = 0; it < effectiveSteps() && !active.isEmpty(); it++) {
        int[] rows = active.stream().mapToInt(Integer::intValue).toArray();
        double[][] at = new double[rows.length][];
        int[] targets = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
          at[i] = z[rows[i]];
          targets[i] = targetIndex < 0 ? clean[rows[i]] : targetIndex;
          queries[rows[i]]++;
        }
        Differentiable.InputGradient g = model.lossGradient(encoded(rows, at), targets);
        // Continuous iterates that already win: check their rounded candidates.
        List<Integer> winning = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
          if (it > 0 || effectiveRandomStart()) {
            if (wins(rows[i], g.probabilities().argmax(i))) {
              winning.add(i);
            }
          }
        }
        check(winning.stream().mapToInt(i -> rows[i]).toArray(), z, found);
        for (int i = 0; i < rows.length; i++) {
          int r = rows[i];
          if (found[r] != null) {
            continue;
          }
          double[] gz = new double[d];
          for (int j = 0; j < d; j++) {
            boolean fixed = lo[r][j] == hi[r][j];
            gz[j] =
                fixed || feature[j] < 0 ? 0 : sign * g.gradient()[i * w + feature[j]] * factor[j];
          }
          double[] next = z[r].clone();
          if (norm == Norm.LINF) {
            for (int j = 0; j < d; j++) {
              next[j] += alpha * Math.signum(gz[j]);
            }
          } else {
            double m = 0;
            for (double v : gz) {
              m += v * v;
            }
            m = Math.sqrt(m);
            if (m > 0) {
              for (int j = 0; j < d; j++) {
                next[j] += alpha * gz[j] / m;
              }
            }
          }
          z[r] = project(r, next, lo, hi, epsilon);
        }
        active.removeIf(r -> found[r] != null);
      }
      // The last step's points have not been looked at yet.
      check(active.stream().mapToInt(Integer::intValue).toArray(), z, found);
    }

    /** Marks as found the rows whose rounded candidate at {@code z[r]} wins. */
    void check(int[] rows, double[][] z, double[][] found) {
      if (rows.length == 0) {
        return;
      }
      double[][] at = new double[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        at[i] = z[rows[i]];
      }
      int[] pred = predict(rows, at);
      for (int i = 0; i < rows.length; i++) {
        if (wins(rows[i], pred[i])) {
          found[rows[i]] = z[rows[i]].clone();
        }
      }
    }
  }
}
