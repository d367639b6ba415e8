package dev.gauntlet.metrics;

import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;

/**
 * Machine-learning utility of synthetic data: train-on-synthetic-test-on-real (TSTR) against
 * train-on-real-test-on-real (TRTR) with the built-in logistic regression (C = 1). The real table
 * is split once, stratified by the label, into 70 % to train and a 30 % holdout that both models
 * are tested on.
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

  /** Share of the real rows held out for testing. */
  public static final double HOLDOUT = 0.3;

  public static Utility of(Table real, Table synthetic, String label, Seed seed) {
    Split split = real.stratifiedSplit(label, HOLDOUT, seed.derive("utility-split"));
    Classifier onReal = LogisticRegression.trainer(label).fit(split.train());
    Classifier onSynthetic = LogisticRegression.trainer(label).fit(synthetic);
    return new Utility(
        label,
        split.train().rowCount(),
        split.test().rowCount(),
        CrossValidation.accuracy(onReal, split.test(), label),
        CrossValidation.accuracy(onSynthetic, split.test(), label));
  }

  /** TSTR accuracy over TRTR accuracy: 1 means the synthetic data trains as well as the real. */
  public double ratio() {
    return accuracySyntheticTrained / accuracyRealTrained;
  }
}
