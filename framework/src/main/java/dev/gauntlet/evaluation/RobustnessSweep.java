package dev.gauntlet.evaluation;

import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Accuracy;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Accuracy of a classifier on perturbed copies of a test table, one per severity, with the drop
 * against the clean table and its bootstrap percentile confidence interval.
 *
 * <p>Every severity is applied with the same seed (common random numbers), so the curve's steps
 * come from the severity, not from fresh noise. When the perturbation keeps row identity ({@link
 * Perturbation#keepsRowIdentity()}: row i of the output is row i of the test table), the bootstrap
 * is paired: one resample of row indices serves both tables. Otherwise (a perturbation that
 * resamples, inserts or drops rows, even one that returns as many rows as it was given) the two
 * tables are resampled independently: pairing row i of the clean table with an unrelated row i of
 * the perturbed one would give the interval of a correlation that does not exist. Stream {@code
 * seed.derive("bootstrap", i)} serves severity {@code i}.
 */
public final class RobustnessSweep {
  private final double[] severities;
  private final int resamples;
  private final double confidence;

  private RobustnessSweep(double[] severities, int resamples, double confidence) {
    this.severities = severities.clone();
    for (int i = 0; i < this.severities.length; i++) {
      double s = this.severities[i];
      if (!(s >= 0 && s <= 1) || (i > 0 && !(s > this.severities[i - 1]))) {
        throw new IllegalArgumentException(
            "severities are not increasing within [0, 1]: " + Arrays.toString(severities));
      }
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples is not positive: " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence is not within (0, 1): " + confidence);
    }
    this.resamples = resamples;
    this.confidence = confidence;
  }

  /** Severities 0, 0.25, 0.5, 0.75, 1 with 1,000 bootstrap resamples and a 95 % interval. */
  public static RobustnessSweep withDefaults() {
    return new RobustnessSweep(new double[] {0, 0.25, 0.5, 0.75, 1}, 1000, 0.95);
  }

  public RobustnessSweep withSeverities(double... newSeverities) {
    return new RobustnessSweep(newSeverities, resamples, confidence);
  }

  public RobustnessSweep withResamples(int newResamples) {
    return new RobustnessSweep(severities, newResamples, confidence);
  }

  public RobustnessSweep withConfidence(double newConfidence) {
    return new RobustnessSweep(severities, resamples, newConfidence);
  }

  /** Runs the sweep of one perturbation; {@code name} labels the curve. */
  public RobustnessCurve run(
      Classifier model,
      Table test,
      String label,
      String name,
      Perturbation perturbation,
      Seed seed) {
    Objects.requireNonNull(perturbation, "perturbation");
    boolean[] clean = correct(model, test, label);
    double baseline = mean(clean);
    List<RobustnessCurve.Point> points = new ArrayList<>();
    for (int i = 0; i < severities.length; i++) {
      Table perturbed = perturbation.apply(test, severities[i], seed);
      boolean[] hit = correct(model, perturbed, label);
      double value = mean(hit);
      double[] drops = new double[resamples];
      UniformRandomProvider rng = seed.rng("bootstrap", i);
      boolean paired = perturbation.keepsRowIdentity();
      if (paired && hit.length != clean.length) {
        throw new IllegalStateException(
            name
                + " says it keeps row identity but returned "
                + hit.length
                + " rows for "
                + clean.length
                + " at severity "
                + severities[i]);
      }
      for (int b = 0; b < resamples; b++) {
        int cleanHits = 0;
        int perturbedHits = 0;
        for (int k = 0; k < clean.length; k++) {
          int r = rng.nextInt(clean.length);
          cleanHits += clean[r] ? 1 : 0;
          if (paired) {
            perturbedHits += hit[r] ? 1 : 0;
          }
        }
        if (!paired) {
          for (int k = 0; k < hit.length; k++) {
            perturbedHits += hit[rng.nextInt(hit.length)] ? 1 : 0;
          }
        }
        drops[b] = (double) cleanHits / clean.length - (double) perturbedHits / hit.length;
      }
      Arrays.sort(drops);
      double alpha = (1 - confidence) / 2;
      points.add(
          new RobustnessCurve.Point(
              severities[i],
              value,
              baseline - value,
              quantile(drops, alpha),
              quantile(drops, 1 - alpha)));
    }
    return new RobustnessCurve(
        name, "accuracy", baseline, points, seed.value(), perturbation.keepsRowIdentity());
  }

  /** Whether each row's most probable class is its label ({@link Accuracy#correct}). */
  static boolean[] correct(Classifier model, Table table, String label) {
    return Accuracy.correct(model, table, label);
  }

  private static double mean(boolean[] v) {
    return Accuracy.share(v);
  }

  /** The linear-interpolation quantile of sorted values (type 7, as numpy's default). */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }
}
