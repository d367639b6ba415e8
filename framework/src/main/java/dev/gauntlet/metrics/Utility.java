package dev.gauntlet.metrics;

import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;

/**
 * Machine-learning utility of synthetic data: train-on-synthetic-test-on-real (TSTR) against
 * train-on-real-test-on-real (TRTR) with the built-in logistic regression (C = 1). Both models are
 * tested on the same real holdout: the caller's ({@link #of(Split, Table, String)}), which must be
 * rows the generator never saw, or one split off the real table, stratified by the label, 30 % held
 * out ({@link #of(Table, Table, String, Seed)}). Id columns ({@link IdColumns}) are no features:
 * those of the real table are left out of the synthetic one too.
 *
 * @param label the label column
 * @param trainRealRows rows the real model was trained on
 * @param holdoutRows real rows both models were tested on
 * @param accuracyRealTrained TRTR accuracy on the holdout
 * @param accuracySyntheticTrained TSTR accuracy on the holdout
 */
public record Utility(
    String label,
    int trainRealRows,
    int holdoutRows,
    double accuracyRealTrained,
    double accuracySyntheticTrained) {

  /** Share of the real rows held out for testing when Gauntlet splits them. */
  public static final double HOLDOUT = 0.3;

  /**
   * Splits {@code real} (stratified by the label, {@link #HOLDOUT} held out) and measures on that
   * split. Only right when the generator of {@code synthetic} saw none of the held-out rows (it was
   * fitted to other data); a generator fitted to {@code real} saw them all, and its TSTR accuracy
   * is measured on its own training rows: use {@link #of(Split, Table, String)} with the split the
   * generator was fitted on instead.
   */
  public static Utility of(Table real, Table synthetic, String label, Seed seed) {
    return of(real.stratifiedSplit(label, HOLDOUT, seed.derive("utility-split")), synthetic, label);
  }

  /**
   * Measures on the caller's split: the real model is trained on {@code real.train()}, and both
   * models are tested on {@code real.test()}, which the generator of {@code synthetic} must not
   * have seen.
   */
  public static Utility of(Split real, Table synthetic, String label) {
    Table train = real.train();
    Table test = real.test();
    Classifier onReal = LogisticRegression.trainer(label).fit(train);
    Classifier onSynthetic =
        LogisticRegression.trainer(label).fit(IdColumns.withoutIds(synthetic, train));
    return new Utility(
        label,
        train.rowCount(),
        test.rowCount(),
        CrossValidation.accuracy(onReal, test, label),
        CrossValidation.accuracy(onSynthetic, test, label));
  }

  /** TSTR accuracy over TRTR accuracy: 1 means the synthetic data trains as well as the real. */
  public double ratio() {
    return accuracySyntheticTrained / accuracyRealTrained;
  }
}
