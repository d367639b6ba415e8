package dev.gauntlet.expectations;

/** What an expectation compares with its bound. */
public enum Measure {
  /** The metric's value: {@code accuracy >= 0.8}. */
  VALUE,
  /**
   * How much worse the metric got from the clean test rows (severity 0) to the variant, in the
   * direction the catalogue calls worse: {@code accuracy drop <= 0.05 under covariate-shift}.
   */
  DROP,
  /**
   * How much worse the metric got from an earlier run's value at the same place to this run's:
   * {@code accuracy drop vs baseline <= 0.01}.
   */
  DROP_VS_BASELINE
}
