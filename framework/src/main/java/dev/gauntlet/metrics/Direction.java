package dev.gauntlet.metrics;

/** Which way a metric gets better; an expectation's {@code drop} is a move the other way. */
public enum Direction {
  /** Larger values are better (accuracy, R², quality score). */
  HIGHER_IS_BETTER,
  /** Smaller values are better (log loss, ECE, RMSE, attack success rate). */
  LOWER_IS_BETTER;

  /**
   * How much worse {@code value} is than {@code reference}: {@code reference - value} when higher
   * is better, {@code value - reference} when lower is better. Negative when it got better.
   */
  public double worsening(double reference, double value) {
    return this == HIGHER_IS_BETTER ? reference - value : value - reference;
  }

  /** Whether {@code a} is strictly worse than {@code b}; NaN is worse than any number. */
  public boolean isWorse(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && !Double.isNaN(b);
    }
    return this == HIGHER_IS_BETTER ? a < b : a > b;
  }

  /** The word used in listings: {@code higher} or {@code lower}. */
  public String word() {
    return this == HIGHER_IS_BETTER ? "higher" : "lower";
  }
}
