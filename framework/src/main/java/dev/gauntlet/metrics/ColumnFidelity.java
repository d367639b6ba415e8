package dev.gauntlet.metrics;

/** The comparison of one real column with its synthetic counterpart. */
public sealed interface ColumnFidelity permits NumericFidelity, CategoricalFidelity {

  /**
   * SDMetrics' column-shape score in [0, 1] (KSComplement or TVComplement, as SDMetrics 0.29
   * computes them): 1 means the same marginal distribution.
   */
  double shapeScore();
}
