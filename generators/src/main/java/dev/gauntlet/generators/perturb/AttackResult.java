package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.Table;
import java.util.List;

/**
 * What an evasion attack achieved on a set of rows.
 *
 * @param method the attack, e.g. {@code score-based L-inf eps=1.0}
 * @param rows the rows given to the attack
 * @param attacked the rows the attack tried to flip: with a label, those the model classified
 *     correctly (a row already misclassified is left as it is); without one, every row
 * @param successes attacked rows whose predicted class the attack changed within the budget
 * @param cleanAccuracy accuracy on the rows as given (NaN without a label)
 * @param accuracyUnderAttack accuracy on the adversarial rows (NaN without a label)
 * @param meanPerturbationStd mean norm (of the attack's kind) of the successful perturbations, in
 *     per-column standard deviations
 * @param empiricalRobustness mean over successes of the perturbation norm divided by the row's
 *     norm, both in standard deviations over the attacked columns (ART's "empirical robustness")
 * @param meanQueries mean model queries per row
 * @param maxQueries the most queries any row used
 * @param successfulRows the indices of the successful rows
 * @param adversarial the rows with the successful perturbations applied (the others unchanged)
 */
public record AttackResult(
    String method,
    int rows,
    int attacked,
    int successes,
    double cleanAccuracy,
    double accuracyUnderAttack,
    double meanPerturbationStd,
    double empiricalRobustness,
    double meanQueries,
    int maxQueries,
    List<Integer> successfulRows,
    Table adversarial) {
  public AttackResult {
    successfulRows = List.copyOf(successfulRows);
  }

  /**
   * Successes as a share of the attacked rows (NaN for none): with a label, the catalogue's {@code
   * attack_success_rate}.
   */
  public double successRate() {
    return attacked == 0 ? Double.NaN : (double) successes / attacked;
  }
}
