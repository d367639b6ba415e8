package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Differentiable;
import java.util.List;

/**
 * A hand-made softmax-linear classifier for the attack tests: logit of class {@code c} = {@code
 * weights[c] . x} over the encoder's features (no bias), so every gradient and every decision
 * boundary can be worked out by hand. The loss gradient is the textbook one: {@code sum_c (p_c - [c
 * = target]) weights[c]}.
 */
final class LinearSoftmax implements Differentiable {
  private final FeatureEncoder encoder;
  private final List<String> classes;
  private final double[][] weights; // [class][encoded feature]

  LinearSoftmax(FeatureEncoder encoder, List<String> classes, double[][] weights) {
    this.encoder = encoder;
    this.classes = List.copyOf(classes);
    this.weights = weights;
  }

  @Override
  public FeatureEncoder encoder() {
    return encoder;
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public ClassProbabilities predictProba(Table table) {
    FeatureMatrix x = encoder.transform(table);
    return ClassProbabilities.of(classes, x.rows(), probabilities(x));
  }

  private double[] probabilities(FeatureMatrix x) {
    int k = classes.size();
    double[] p = new double[x.rows() * k];
    for (int r = 0; r < x.rows(); r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double logit = 0;
        for (int f = 0; f < x.cols(); f++) {
          logit += weights[c][f] * x.get(r, f);
        }
        p[r * k + c] = logit;
        max = Math.max(max, logit);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        p[r * k + c] = Math.exp(p[r * k + c] - max);
        sum += p[r * k + c];
      }
      for (int c = 0; c < k; c++) {
        p[r * k + c] /= sum;
      }
    }
    return p;
  }

  @Override
  public InputGradient lossGradient(FeatureMatrix encoded, int[] targets) {
    Differentiable.checkTargets(encoded, targets, classes.size());
    int k = classes.size();
    int w = encoded.cols();
    double[] p = probabilities(encoded);
    double[] loss = new double[encoded.rows()];
    double[] gradient = new double[encoded.rows() * w];
    for (int r = 0; r < encoded.rows(); r++) {
      loss[r] = -Math.log(p[r * k + targets[r]]);
      for (int c = 0; c < k; c++) {
        double coef = p[r * k + c] - (c == targets[r] ? 1 : 0);
        for (int f = 0; f < w; f++) {
          gradient[r * w + f] += coef * weights[c][f];
        }
      }
    }
    return new InputGradient(ClassProbabilities.of(classes, encoded.rows(), p), loss, gradient);
  }
}
