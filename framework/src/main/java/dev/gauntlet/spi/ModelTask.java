package dev.gauntlet.spi;

/** What a model under test predicts: a class per row, or a number per row. */
public enum ModelTask {
  /** A class per row, with probabilities when the model has them: a {@code Classifier}. */
  CLASSIFICATION,
  /** A number per row: a {@code Regressor}, measured by its errors (MAE, RMSE, R²). */
  REGRESSION;

  /** The name in messages and listings, e.g. {@code regression}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
