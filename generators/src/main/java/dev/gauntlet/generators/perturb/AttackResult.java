package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.Table;
import java.util.List;

/**
 * What an evasion attack achieved on a set of rows.
 *
 * @param method the attack, e.g. {@code score-based L-inf eps=1.0}
 * @param rows the rows attacked
 * @param successes rows whose predicted class the attack changed within the budget
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

  /** Successes as a share of the rows (NaN for none). */
  public double successRate() {
    return rows == 0 ? Double.NaN : (double) successes / rows;
  }
}
