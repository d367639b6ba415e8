package dev.gauntlet.generators.deep;

/**
 * Early stopping on a loss to be minimised: stops once {@code patience} epochs in a row failed to
 * improve on the best loss by more than 1e-4 of its size. Patience 0 never stops.
 */
final class EarlyStop {
  private final int patience;
  private double best = Double.POSITIVE_INFINITY;
  private int stale;

  EarlyStop(int patience) {
    this.patience = patience;
  }

  boolean shouldStop(double loss) {
    if (patience == 0) {
      return false;
    }
    if (loss < best - 1e-4 * Math.abs(best) || best == Double.POSITIVE_INFINITY) {
      best = loss;
      stale = 0;
      return false;
    }
    return ++stale >= patience;
  }
}
