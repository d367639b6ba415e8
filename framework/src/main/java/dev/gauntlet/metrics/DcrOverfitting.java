package dev.gauntlet.metrics;

import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;

/**
 * SDMetrics' DCROverfittingProtection: are synthetic rows closer to the real rows the generator was
 * trained on than to real rows it never saw? For each synthetic row, the distance to the closest
 * training row and to the closest holdout row (cell distances as {@link Privacy}, numeric ranges
 * from the training rows); the score is {@code min(1, 2 (1 - closerToTraining))}, so 1 means no
 * more synthetic rows sit nearer the training data than chance would put there.
 *
 * @param syntheticRows synthetic rows compared (after subsampling)
 * @param closerToTraining the share of them strictly closer to a training row than to any holdout
 *     row
 * @param score the protection score in [0, 1]
 */
public record DcrOverfitting(int syntheticRows, double closerToTraining, double score) {

  /** Compares on seeded subsamples of at most {@code maxRows} rows of each table. */
  public static DcrOverfitting of(
      Table training, Table holdout, Table synthetic, int maxRows, Seed seed) {
    holdout = IdColumns.withoutIds(holdout, training); // ids are no data
    synthetic = IdColumns.withoutIds(synthetic, training);
    training = IdColumns.withoutIds(training, synthetic);
    Table train = Privacy.subsample(training, maxRows, seed.derive("overfitting-training"));
    Table hold = Privacy.subsample(holdout, maxRows, seed.derive("overfitting-holdout"));
    Table synth = Privacy.subsample(synthetic, maxRows, seed.derive("overfitting-synthetic"));
    RowDistances toTraining = RowDistances.to(train);
    double[] dTrain = toTraining.closest(toTraining.encode(synth));
    RowDistances toHoldout = RowDistances.to(hold, train);
    double[] dHold = toHoldout.closest(toHoldout.encode(synth));
    if (dTrain.length == 0) {
      return new DcrOverfitting(0, Double.NaN, Double.NaN);
    }
    int closer = 0;
    for (int i = 0; i < dTrain.length; i++) {
      closer += dTrain[i] < dHold[i] ? 1 : 0;
    }
    double share = (double) closer / dTrain.length;
    return new DcrOverfitting(dTrain.length, share, Math.min(1, (1 - share) * 2));
  }
}
