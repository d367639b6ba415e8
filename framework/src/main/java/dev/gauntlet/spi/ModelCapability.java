package dev.gauntlet.spi;

/** What a model under test can do; a variant that needs a capability the model lacks is refused. */
public enum ModelCapability {
  /** Gives class probabilities, not only labels (calibration, log loss, score-based attacks). */
  PROBABILITIES,
  /** Can be trained again on other rows (poisoning, leakage and synthetic-data variants). */
  RETRAINABLE,
  /** Gives the loss's gradient with respect to its input: a {@code Differentiable} (FGSM, PGD). */
  INPUT_GRADIENTS,
  /** May be called from several threads at once; otherwise the engine serialises its calls. */
  THREAD_SAFE;

  /** The name in messages and listings, e.g. {@code input-gradients}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
