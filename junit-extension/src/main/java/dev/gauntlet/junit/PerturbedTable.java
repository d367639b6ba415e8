package dev.gauntlet.junit;

import dev.gauntlet.data.Table;
import dev.gauntlet.junit.internal.Numbers;
import dev.gauntlet.spi.PerturbationResult;
import java.util.Objects;

/**
 * One invocation of a {@link PerturbationSweep}: the clean rows and the same rows perturbed at a
 * severity, with what the perturbation did.
 *
 * @param perturbation the perturbation's name
 * @param severity the severity, within [0, 1]
 * @param clean the rows before the perturbation (the same in every invocation)
 * @param result the perturbed rows and an account of what changed ({@link
 *     PerturbationResult#describe()})
 */
public record PerturbedTable(
    String perturbation, double severity, Table clean, PerturbationResult result) {
  public PerturbedTable {
    Objects.requireNonNull(perturbation, "perturbation");
    Objects.requireNonNull(clean, "clean");
    Objects.requireNonNull(result, "result");
  }

  /** The rows after the perturbation. */
  public Table perturbed() {
    return result.table();
  }

  /** The invocation's name: {@code covariate-shift [severity 0.25]}. */
  public String displayName() {
    return perturbation + " [severity " + Numbers.text(severity) + "]";
  }
}
