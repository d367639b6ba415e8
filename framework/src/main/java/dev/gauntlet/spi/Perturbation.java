package dev.gauntlet.spi;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;

/**
 * A configured distortion: a pure function of a table, a severity and a seed. The same inputs give
 * the same table; the input is never changed. Severity 0 gives the input back unchanged: the same
 * schema, levels, cells and row order.
 */
@FunctionalInterface
public interface Perturbation {

  /**
   * @param severity from 0 (no change) to 1 (the strongest the parameters describe)
   */
  Table apply(Table table, double severity, Seed seed);

  /**
   * Whether row {@code i} of every output is row {@code i} of the input, its values perhaps
   * changed: no row added, removed, reordered or replaced by another. True for row-local
   * perturbations (noise, missing values, outliers, typos, shifts, label flips); false (the
   * default, the safe answer) for those that resample, insert or drop rows. A robustness sweep
   * pairs its clean and perturbed bootstrap resamples only when this is true.
   */
  default boolean keepsRowIdentity() {
    return false;
  }

  /**
   * {@link #apply} with an account of what changed. The default compares the two tables (see {@link
   * PerturbationResult#between}); a perturbation that knows more (values clipped, the effective
   * sample size of a resample) overrides it.
   */
  default PerturbationResult applyWithSummary(Table table, double severity, Seed seed) {
    return PerturbationResult.between(table, apply(table, severity, seed), keepsRowIdentity());
  }
}
