package dev.gauntlet.model;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import java.util.Objects;

/**
 * A classifier whose loss can be differentiated with respect to its input, as white-box attacks
 * (FGSM, PGD) need. The model reads a table through {@link #encoder()} and computes its class
 * probabilities from the encoded matrix alone, so {@code predictProba(table)} equals {@code
 * lossGradient(encoder().transform(table), targets).probabilities()}.
 *
 * <p>Engine-neutral: nothing here knows DJL. The DJL models of the generators module implement it,
 * and so does {@link LogisticRegression} (its gradient has a closed form).
 */
public interface Differentiable extends Classifier {

  /** The encoder from table columns to the model's input features. */
  FeatureEncoder encoder();

  /**
   * One forward and backward pass: for each row {@code r} of {@code encoded}, the cross-entropy
   * loss {@code -log p(targets[r] | x_r)} and its gradient with respect to the encoded input {@code
   * x_r}.
   *
   * @param encoded rows encoded by {@link #encoder()}
   * @param targets a class index into {@link #classes()} per row
   */
  InputGradient lossGradient(FeatureMatrix encoded, int[] targets);

  /**
   * A forward and backward pass.
   *
   * @param probabilities the class probabilities of each row
   * @param loss each row's cross-entropy loss with respect to its target class
   * @param gradient row-major, {@code rows x encoded width}: the loss's gradient with respect to
   *     the encoded input
   */
  record InputGradient(ClassProbabilities probabilities, double[] loss, double[] gradient) {
    public InputGradient {
      Objects.requireNonNull(probabilities, "probabilities");
      if (loss.length != probabilities.rows()) {
        throw new IllegalArgumentException(
            loss.length + " losses for " + probabilities.rows() + " rows");
      }
      if (probabilities.rows() > 0 && gradient.length % probabilities.rows() != 0) {
        throw new IllegalArgumentException(
            gradient.length
                + " gradient values do not split into "
                + probabilities.rows()
                + " rows");
      }
    }
  }

  /** Checks that there is one target, a class index, per row of {@code encoded}. */
  static void checkTargets(FeatureMatrix encoded, int[] targets, int classes) {
    if (targets.length != encoded.rows()) {
      throw new IllegalArgumentException(
          targets.length + " targets for " + encoded.rows() + " rows");
    }
    for (int t : targets) {
      if (t < 0 || t >= classes) {
        throw new IllegalArgumentException(
            "target class index is not within [0, " + classes + "): " + t);
      }
    }
  }
}
