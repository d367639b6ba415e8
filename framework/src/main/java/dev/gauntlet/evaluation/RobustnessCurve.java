package dev.gauntlet.evaluation;

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
 * @param paired whether the drop's bootstrap was paired (one resample of row indices for the clean
 *     and the perturbed table), as it is only for a perturbation that keeps row identity
 */
public record RobustnessCurve(
    String perturbation,
    String metric,
    double baseline,
    List<Point> points,
    long seed,
    boolean paired) {
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
   * The breaking point: the lowest severity whose value fails the expectation; empty when every
   * severity of the sweep meets it. The expectation's metric must be this curve's.
   */
  public OptionalDouble breakingPoint(Expectation expectation) {
    if (!expectation.metric().equals(metric)) {
      throw new IllegalArgumentException(
          "expectation is on " + expectation.metric() + " but the curve measures " + metric);
    }
    for (Point p : points) {
      if (!expectation.holds(p.value())) {
        return OptionalDouble.of(p.severity());
      }
    }
    return OptionalDouble.empty();
  }
}
