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
  default Table sampleWhere(int rows, Seed stream, String column, String level) {
    return sampleWhere(rows, stream, column, level, false).rows();
  }

  /**
   * Draws {@code rows} rows whose {@code column} is {@code level}. When the model makes the level
   * too rarely to find enough such rows, the rest are drawn freely and given the level: counted in
   * the result, or, when {@code strict}, refused.
   *
   * @throws dev.gauntlet.UserInputException as {@link #sampleWhere(int, Seed, String, String)}, and
   *     when {@code strict} and the model did not make enough rows with the level
   */
  Conditioned sampleWhere(int rows, Seed stream, String column, String level, boolean strict);

  /**
   * Rows drawn with a column's level fixed.
   *
   * @param rows the rows, every one with the level
   * @param levelSet how many of them the model drew freely and were given the level
   */
  record Conditioned(Table rows, int levelSet) {}
}
