package dev.gauntlet.scenario.spec;

/**
 * Typed factories for the built-in evasion attacks: variants that attack the test rows within a
 * budget growing with the severity ({@code epsilon} at severity 1, in per-column standard
 * deviations of the training rows). Each gives a variant named after its kind; chain {@link
 * VariantSpec#withParam} and a sweep:
 *
 * <pre>
 * .variant(Attacks.scoreBased().withParam("epsilon", "0.5").withParam("immutable", "age").withSweep(2))
 * </pre>
 */
public final class Attacks {
  private Attacks() {}

  /**
   * {@code decision-based} (evasion): black-box boundary search on predicted classes only
   * (HopSkipJump style), any model. Parameters: norm, epsilon, max-queries, immutable, ranges.
   */
  public static VariantSpec decisionBased() {
    return VariantSpec.of("decision-based", "decision-based");
  }

  /**
   * {@code fgsm} (evasion): fast gradient sign method: one step along the loss's gradient (needs
   * input gradients). Parameters: norm, epsilon, immutable, ranges.
   */
  public static VariantSpec fgsm() {
    return VariantSpec.of("fgsm", "fgsm");
  }

  /**
   * {@code pgd} (evasion): projected gradient descent from a random start within the budget (needs
   * input gradients). Parameters: norm, epsilon, steps, immutable, ranges.
   */
  public static VariantSpec pgd() {
    return VariantSpec.of("pgd", "pgd");
  }

  /**
   * {@code score-based} (evasion): black-box random search on class probabilities (Square-attack
   * style), any model. Parameters: norm, epsilon, max-queries, immutable, ranges.
   */
  public static VariantSpec scoreBased() {
    return VariantSpec.of("score-based", "score-based");
  }
}
