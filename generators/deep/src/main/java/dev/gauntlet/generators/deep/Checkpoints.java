package dev.gauntlet.generators.deep;

import java.util.function.Supplier;

/**
 * Early stopping on the held-out rows: every check gives a figure to be minimised (the VAE's loss
 * on the rows, or minus the GAN's quality score against them); the weights of the best check are
 * kept, and training stops once {@code patience} checks in a row failed to improve on the best by
 * more than 1e-4 of its size. Patience 0 never stops, but still keeps the best check's weights.
 */
final class Checkpoints {
  private final int patience;
  private double best = Double.POSITIVE_INFINITY;
  private int stale;
  private int bestStep;
  private Params bestWeights;

  Checkpoints(int patience) {
    this.patience = patience;
  }

  /**
   * Records the figure of a check after {@code step} steps; when it is the best so far, keeps the
   * weights {@code weights} gives (a copy: training goes on changing its own). Returns whether
   * training should stop.
   */
  boolean record(double figure, int step, Supplier<Params> weights) {
    if (best == Double.POSITIVE_INFINITY || figure < best - 1e-4 * Math.abs(best)) {
      best = figure;
      bestStep = step;
      bestWeights = weights.get();
      stale = 0;
      return false;
    }
    return patience > 0 && ++stale >= patience;
  }

  /** The best check's weights, or null when there was no check. */
  Params bestWeights() {
    return bestWeights;
  }

  /** The steps trained when the best check was made (0 when none). */
  int bestStep() {
    return bestStep;
  }

  /** The best check's figure (infinite when none). */
  double best() {
    return best;
  }
}
