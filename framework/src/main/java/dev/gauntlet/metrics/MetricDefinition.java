package dev.gauntlet.metrics;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metric of the {@link MetricCatalog}: its id, what it measures, its range and which direction
 * is better.
 *
 * @param id snake_case, e.g. {@code balanced_accuracy}
 * @param kind what it measures
 * @param direction which way is better
 * @param min the smallest possible value ({@code -Infinity} when unbounded)
 * @param max the largest possible value ({@code Infinity} when unbounded)
 * @param definition one exact sentence, ending with a full stop
 */
public record MetricDefinition(
    String id, MetricKind kind, Direction direction, double min, double max, String definition) {
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public MetricDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(definition, "definition");
    if (!SNAKE_CASE.matcher(id).matches()) {
      throw new IllegalArgumentException("metric id is not snake_case: " + id);
    }
    if (Double.isNaN(min) || Double.isNaN(max) || !(min < max)) {
      throw new IllegalArgumentException(
          "range of " + id + " is not min < max: " + min + ", " + max);
    }
    if (definition.isBlank() || !definition.endsWith(".")) {
      throw new IllegalArgumentException(
          "definition of " + id + " is not a sentence: " + definition);
    }
  }

  /**
   * Whether {@code value} lies within the range (infinite ends included only when the range is).
   */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  /** The range as text: {@code [0, 1]}, {@code [0, inf)}, {@code (-inf, 1]}. */
  public String rangeText() {
    String lo = min == Double.NEGATIVE_INFINITY ? "(-inf" : "[" + number(min);
    String hi = max == Double.POSITIVE_INFINITY ? "inf)" : number(max) + "]";
    return lo + ", " + hi;
  }

  /** A number as a person writes it: {@code 0}, {@code 1}, {@code 0.5}, {@code -1}. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
