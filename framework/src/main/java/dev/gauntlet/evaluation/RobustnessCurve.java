package dev.gauntlet.evaluation;

import dev.gauntlet.expectations.Expectation;
import dev.gauntlet.expectations.Measure;
import dev.gauntlet.expectations.Target;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A metric under one perturbation across a sweep of severities, against the clean baseline.
 *
 * @param perturbation what was applied, as the user named it
 * @param metric the metric id, e.g. {@code accuracy}
 * @param baseline the metric on the clean data
 * @param points one per severity, in increasing severity
 * @param seed the seed of the perturbation and of the bootstrap
 */
public record RobustnessCurve(
    String perturbation, String metric, double baseline, List<Point> points, long seed) {
  public RobustnessCurve {
    Objects.requireNonNull(perturbation, "perturbation");
    Objects.requireNonNull(metric, "metric");
    points = List.copyOf(points);
    for (int i = 1; i < points.size(); i++) {
      if (!(points.get(i).severity() > points.get(i - 1).severity())) {
        throw new IllegalArgumentException("severities are not increasing: " + points);
      }
    }
  }

  /**
   * The metric at one severity.
   *
   * @param severity in [0, 1]
   * @param value the metric on the perturbed data
   * @param drop baseline minus value
   * @param dropLow the lower end of the drop's bootstrap confidence interval
   * @param dropHigh the upper end
   */
  public record Point(
      double severity, double value, double drop, double dropLow, double dropHigh) {}

  /** The metric values, in severity order. */
  public double[] values() {
    return points.stream().mapToDouble(Point::value).toArray();
  }

  /**
   * The breaking point: the lowest severity whose value (or, for {@code drop}, whose drop) fails
   * the expectation; empty when every severity of the sweep meets it. The expectation must bound
   * this curve's metric on all rows, and name no other variant than this curve's perturbation.
   */
  public OptionalDouble breakingPoint(Expectation expectation) {
    if (!expectation.metricId().equals(metric)) {
      throw new IllegalArgumentException(
          "expectation is on " + expectation.metricId() + " but the curve measures " + metric);
    }
    if (expectation.worstSlice() || expectation.measure() == Measure.DROP_VS_BASELINE) {
      throw new IllegalArgumentException(
          "a curve has neither slices nor an earlier run: " + expectation);
    }
    if (expectation.target() instanceof Target.EveryVariant
        || (expectation.target() instanceof Target.Variant v && !v.name().equals(perturbation))) {
      throw new IllegalArgumentException(
          "expectation is not about " + perturbation + ": " + expectation);
    }
    for (Point p : points) {
      double figure =
          expectation.measure() == Measure.DROP
              ? expectation.metric().direction().worsening(baseline, p.value())
              : p.value();
      if (!expectation.holds(figure)) {
        return OptionalDouble.of(p.severity());
      }
    }
    return OptionalDouble.empty();
  }
}
