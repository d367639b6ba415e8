package dev.gauntlet.generators.deep;

import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;

/**
 * The rows held out from training for the checks of {@link Checkpoints}: as a table (the GAN's
 * generated rows are scored against it) and encoded (the VAE's loss is computed on it).
 *
 * @param rows the held-out rows
 * @param encoded the rows encoded by the transform the networks are trained with
 */
record Validation(Table rows, float[] encoded) {

  /**
   * Splits {@code data} into the rows to train on and, as {@code share} of them (seeded by {@code
   * seed}), the rows held out; no rows are held out when {@code share} is 0 or would hold out fewer
   * than {@link TrainingOptions#MIN_VALIDATION_ROWS}.
   */
  static Split split(Table data, double share, Seed seed) {
    if (share <= 0 || Math.round(share * data.rowCount()) < TrainingOptions.MIN_VALIDATION_ROWS) {
      return new Split(data, data.take(new int[0]));
    }
    return data.split(share, seed.derive("validation"));
  }

  int rowCount() {
    return rows.rowCount();
  }
}
