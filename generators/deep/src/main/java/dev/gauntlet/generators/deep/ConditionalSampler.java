package dev.gauntlet.generators.deep;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;

/**
 * A generator that can draw rows with one categorical column fixed to a level, e.g. rows with
 * {@code churn = Yes} to rebalance a scarce class.
 */
public interface ConditionalSampler {

  /**
   * Draws {@code rows} rows whose {@code column} is {@code level}.
   *
   * @throws dev.gauntlet.UserInputException when the column is not a fitted categorical column or
   *     the level is not one of its levels
   */
  Table sampleWhere(int rows, Seed stream, String column, String level);
}
