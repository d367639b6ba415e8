package dev.gauntlet.evaluation;

import dev.gauntlet.metrics.Accuracy;
import dev.gauntlet.metrics.ClassificationMetrics;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A named metric of {@link Outcomes} and the direction in which it is better. Slices are ranked by
 * it and a feature's permutation importance is how much it worsens.
 *
 * @param name what reports call it, such as {@code accuracy}; not blank
 * @param higherIsBetter true for accuracy or AUC, false for error rate or log loss
 * @param function computes the value of a non-empty set of rows
 */
public record OutcomeMetric(
    String name, boolean higherIsBetter, ToDoubleFunction<Outcomes> function) {
  public OutcomeMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    if (name.isBlank()) {
      throw new IllegalArgumentException("metric name is blank: \"" + name + "\"");
    }
  }

  /**
   * {@link Accuracy}: the share of rows whose most probable class (the first on ties) is the true
   * one. {@link Outcomes#of} refuses rows without a label as {@link Accuracy} does.
   */
  public static OutcomeMetric accuracy() {
    return new OutcomeMetric("accuracy", true, o -> share(o, true));
  }

  /** One minus accuracy. */
  public static OutcomeMetric errorRate() {
    return new OutcomeMetric("error rate", false, o -> share(o, false));
  }

  /** scikit-learn's log loss ({@link ClassificationMetrics#logLoss}). */
  public static OutcomeMetric logLoss() {
    return of("log loss", false, ClassificationMetrics::logLoss);
  }

  /**
   * Any figure of {@link ClassificationMetrics}, such as {@code of("f1 macro", true,
   * ClassificationMetrics::f1Macro)}; the full metrics are computed for each set of rows.
   */
  public static OutcomeMetric of(
      String name, boolean higherIsBetter, ToDoubleFunction<ClassificationMetrics> figure) {
    Objects.requireNonNull(figure, "figure");
    return new OutcomeMetric(
        name, higherIsBetter, o -> figure.applyAsDouble(ClassificationMetrics.of(o.y(), o.p())));
  }

  /** The metric of these rows. */
  public double apply(Outcomes outcomes) {
    return function.applyAsDouble(outcomes);
  }

  /**
   * How much worse {@code value} is than {@code reference}: positive when it is worse, in the
   * metric's units ({@code reference - value} when higher is better, else {@code value -
   * reference}).
   */
  public double worsening(double reference, double value) {
    return higherIsBetter ? reference - value : value - reference;
  }

  /** True when {@code a} is strictly worse than {@code b}. */
  public boolean isWorse(double a, double b) {
    return higherIsBetter ? a < b : a > b;
  }

  /**
   * The share of rows predicted correctly (or wrongly), {@link Accuracy#share}; NaN without rows.
   */
  private static double share(Outcomes o, boolean correct) {
    int n = o.rows();
    int count = 0;
    for (int r = 0; r < n; r++) {
      if (o.correct(r) == correct) {
        count++;
      }
    }
    return Accuracy.share(count, n);
  }

  @Override
  public String toString() {
    return name + (higherIsBetter ? " (higher is better)" : " (lower is better)");
  }
}
