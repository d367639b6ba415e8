package dev.gauntlet.metrics;

/** What a metric measures, for grouping in listings and reports. */
public enum MetricKind {
  /** Predicted classes against true classes. */
  CLASSIFICATION,
  /** Numeric predictions against true numbers. */
  REGRESSION,
  /** How well predicted probabilities match observed frequencies. */
  CALIBRATION,
  /** Evasion attacks on the model's inputs at prediction time. */
  ATTACK,
  /** Poisoned training rows (label flips, backdoors). */
  POISONING,
  /** How closely synthetic rows follow the real ones. */
  SYNTHETIC_FIDELITY,
  /** How much synthetic rows reveal of the real rows they were fitted on. */
  PRIVACY,
  /** How well synthetic rows train a model for real rows. */
  UTILITY,
  /** How far the rows under a variant moved from the clean rows. */
  DRIFT;

  /** The kind as listed: lower case, words separated by a space ({@code synthetic fidelity}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
