package dev.gauntlet.expectations;

/**
 * A measured metric value with its bootstrap confidence interval, when there is one.
 *
 * @param value the metric (NaN when undefined on these rows, e.g. ROC AUC of one class)
 * @param lo the interval's lower end, NaN without an interval
 * @param hi the interval's upper end, NaN without an interval
 */
public record Measurement(double value, double lo, double hi) {
  public Measurement {
    if (Double.isNaN(lo) != Double.isNaN(hi)) {
      throw new IllegalArgumentException("interval has one end only: " + lo + ", " + hi);
    }
    if (lo > hi) {
      throw new IllegalArgumentException("interval is reversed: " + lo + " > " + hi);
    }
  }

  /** A value without an interval. */
  public static Measurement of(double value) {
    return new Measurement(value, Double.NaN, Double.NaN);
  }

  /** A value with its interval. */
  public static Measurement of(double value, double lo, double hi) {
    return new Measurement(value, lo, hi);
  }

  public boolean hasInterval() {
    return !Double.isNaN(lo);
  }
}
