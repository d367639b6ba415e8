package dev.gauntlet.spi;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;

/**
 * A configured distortion: a pure function of a table, a severity and a seed. The same inputs give
 * the same table; the input is never changed.
 */
@FunctionalInterface
public interface Perturbation {

  /**
   * @param severity from 0 (no change) to 1 (the strongest the parameters describe)
   */
  Table apply(Table table, double severity, Seed seed);
}
