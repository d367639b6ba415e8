package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.model.Labels;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.random.Seed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * A multilayer perceptron classifier trained with DJL on PyTorch: the table's feature columns (the
 * label excluded) through a {@link FeatureEncoder} fitted on the training table (numeric columns
 * standardized, categorical one-hot), {@code depth} ReLU layers of {@code hidden} units, and a
 * softmax over the classes. Trained by Adam on the mean cross-entropy over mini-batches.
 *
 * <p>All random numbers (Xavier-uniform initial weights, the shuffling) come from the {@link Seed},
 * and libtorch runs on one thread (see {@link Torch}), so a table and a trainer give the same
 * weights. Training runs in float32; predictions and gradients run in float64 on the trained
 * (float32-valued) weights, so that they agree with a finite-difference estimate.
 *
 * <p>It is {@link Differentiable}: white-box attacks read the gradient of the loss with respect to
 * the encoded input.
 */
public final class MlpClassifier implements Differentiable {
  private final FeatureEncoder encoder;
  private final List<String> classes;
  private final int depth;
  private final Map<String, double[]> weights;
  private final Map<String, long[]> shapes;
  private final double finalLoss;

  private MlpClassifier(
      FeatureEncoder encoder, List<String> classes, int depth, Params params, double finalLoss) {
    this.encoder = encoder;
    this.classes = List.copyOf(classes);
    this.depth = depth;
    this.weights = new LinkedHashMap<>();
    this.shapes = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : params.values().entrySet()) {
      float[] f = e.getValue();
      double[] v = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        v[i] = f[i];
      }
      weights.put(e.getKey(), v);
    }
    params.shapes().forEach((k, v) -> shapes.put(k, v.clone()));
    this.finalLoss = finalLoss;
  }

  /**
   * A trainer with defaults: two ReLU layers of 32 units, 60 epochs, batches of 64, Adam with
   * learning rate 0.003 and weight decay 1e-4, seed 0.
   */
  public static Trainer trainer(String label) {
    return new Trainer(label, 32, 2, 60, 64, 3e-3, 1e-4, Seed.of(0));
  }

  /**
   * The settings of a fit.
   *
   * @param label the label column
   * @param hidden units per hidden layer; positive
   * @param depth hidden layers; 0 gives a (softmax) logistic regression
   * @param epochs passes over the training rows; positive
   * @param batchSize rows per Adam step (the last partial batch of an epoch is dropped, as the
   *     shuffle changes every epoch); positive
   * @param learningRate Adam's step; positive
   * @param weightDecay Adam's (L2) weight decay; non-negative
   * @param seed the source of the initial weights and of the shuffling
   */
  public record Trainer(
      String label,
      int hidden,
      int depth,
      int epochs,
      int batchSize,
      double learningRate,
      double weightDecay,
      Seed seed)
      implements ModelTrainer<MlpClassifier> {
    public Trainer {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(seed, "seed");
      if (label.isBlank()) {
        throw new IllegalArgumentException("label column name is blank: \"" + label + "\"");
      }
      if (hidden < 1) {
        throw new IllegalArgumentException("hidden units is not positive: " + hidden);
      }
      if (depth < 0) {
        throw new IllegalArgumentException("depth is negative: " + depth);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs is not positive: " + epochs);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size is not positive: " + batchSize);
      }
      if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("learning rate is not positive: " + learningRate);
      }
      if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("weight decay is not non-negative: " + weightDecay);
      }
    }

    public Trainer withHidden(int newHidden) {
      return new Trainer(
          label, newHidden, depth, epochs, batchSize, learningRate, weightDecay, seed);
    }

    public Trainer withDepth(int newDepth) {
      return new Trainer(
          label, hidden, newDepth, epochs, batchSize, learningRate, weightDecay, seed);
    }

    public Trainer withEpochs(int newEpochs) {
      return new Trainer(
          label, hidden, depth, newEpochs, batchSize, learningRate, weightDecay, seed);
    }

    public Trainer withBatchSize(int newBatchSize) {
      return new Trainer(
          label, hidden, depth, epochs, newBatchSize, learningRate, weightDecay, seed);
    }

    public Trainer withLearningRate(double newLearningRate) {
      return new Trainer(
          label, hidden, depth, epochs, batchSize, newLearningRate, weightDecay, seed);
    }

    public Trainer withWeightDecay(double newWeightDecay) {
      return new Trainer(
          label, hidden, depth, epochs, batchSize, learningRate, newWeightDecay, seed);
    }

    public Trainer withSeed(Seed newSeed) {
      return new Trainer(
          label, hidden, depth, epochs, batchSize, learningRate, weightDecay, newSeed);
    }

    @Override
    public MlpClassifier fit(Table train) {
      Objects.requireNonNull(train, "train");
      Labels labels = Labels.of(train, label);
      List<String> features =
          train.schema().names(ColumnRole.FEATURE).stream().filter(n -> !n.equals(label)).toList();
      FeatureEncoder encoder = FeatureEncoder.fit(train, features);
      FeatureMatrix x = encoder.transform(train);
      return Torch.exclusively(() -> train(this, encoder, labels, x));
    }
  }

  private static MlpClassifier train(
      Trainer o, FeatureEncoder encoder, Labels labels, FeatureMatrix x) {
    int p = x.cols();
    int k = labels.classes().size();
    int rows = x.rows();
    UniformRandomProvider init = o.seed().rng("mlp-init", 0);
    Params params = new Params();
    int in = p;
    for (int l = 0; l < o.depth(); l++) {
      params.dense("h" + l, in, o.hidden(), init);
      in = o.hidden();
    }
    params.dense("out", in, k, init);
    if (rows == 0 || k < 2) {
      return new MlpClassifier(encoder, labels.classes(), o.depth(), params, Double.NaN);
    }
    float[] data = new float[rows * p];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) x.data()[i];
    }
    float[] onehot = new float[rows * k];
    for (int r = 0; r < rows; r++) {
      onehot[r * k + labels.y()[r]] = 1;
    }
    UniformRandomProvider rng = o.seed().rng("mlp-train", 0);
    int batch = Math.min(o.batchSize(), rows);
    int steps = Math.max(1, rows / batch);
    double lastLoss = Double.NaN;
    try (NDManager root = Torch.newManager()) {
      Map<String, NDArray> w = params.toArrays(root, true);
      Optimizer adam =
          Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed((float) o.learningRate()))
              .optWeightDecays((float) o.weightDecay())
              .build();
      // Kept alive in root until after every backward pass (see Nn on the scalar trap).
      NDArray invB = Nn.scalar(root, 1.0 / batch);
      int[] order = PermutationSampler.natural(rows);
      for (int epoch = 0; epoch < o.epochs(); epoch++) {
        PermutationSampler.shuffle(rng, order);
        double sum = 0;
        for (int s = 0; s < steps; s++) {
          try (NDManager step = root.newSubManager()) {
            NDArray xb =
                step.create(Nn.gather(data, p, order, s * batch, batch), new Shape(batch, p));
            NDArray yb =
                step.create(Nn.gather(onehot, k, order, s * batch, batch), new Shape(batch, k));
            Nn.zeroGradients(w);
            NDArray loss;
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
              loss = logits(xb, w, o.depth()).logSoftmax(1).mul(yb).sum().neg().mul(invB);
              gc.backward(loss);
            }
            for (Map.Entry<String, NDArray> e : w.entrySet()) {
              try (NDArray grad = e.getValue().getGradient()) {
                adam.update(e.getKey(), e.getValue(), grad);
              }
            }
            sum += loss.getFloat();
          }
        }
        lastLoss = sum / steps;
      }
      params.readBack(w);
    }
    return new MlpClassifier(encoder, labels.classes(), o.depth(), params, lastLoss);
  }

  /** The network's output before the softmax; every array belongs to {@code x}'s manager. */
  private static NDArray logits(NDArray x, Map<String, NDArray> w, int depth) {
    return Nn.dense(hidden(x, w, depth), w, "out");
  }

  /** The last hidden layer's activations (the input itself when there is no hidden layer). */
  private static NDArray hidden(NDArray x, Map<String, NDArray> w, int depth) {
    NDArray h = x;
    for (int l = 0; l < depth; l++) {
      h = Nn.relu(Nn.dense(h, w, "h" + l));
    }
    return h;
  }

  /**
   * The model's own embedding of each row: the activations of its penultimate layer (the last ReLU
   * layer, whose linear map and softmax give the class probabilities), in float64 on the trained
   * weights. Distances between tables measured here (a Fréchet distance, drift tests) are distances
   * the model sees; the encoded input alone would weigh every column alike.
   *
   * @param table rows with the training table's feature columns
   * @return one row per table row, {@code hidden} columns named {@code embedding_0}, {@code
   *     embedding_1}, ... (with no hidden layer: the encoded input and its names)
   */
  public FeatureMatrix embed(Table table) {
    FeatureMatrix x = encoder.transform(table);
    if (depth == 0) {
      return x;
    }
    int width = (int) shapes.get("h" + (depth - 1) + ".w")[1];
    List<String> names = new java.util.ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      names.add("embedding_" + i);
    }
    if (x.rows() == 0) {
      return new FeatureMatrix(0, width, new double[0], names);
    }
    try (NDManager m = Torch.newManager()) {
      NDArray in = m.create(x.data(), new Shape(x.rows(), x.cols()));
      double[] h = hidden(in, arrays(m), depth).toDoubleArray();
      return new FeatureMatrix(x.rows(), width, h, names);
    }
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public FeatureEncoder encoder() {
    return encoder;
  }

  /** The mean training loss (cross-entropy per row) over the last epoch; NaN if not trained. */
  public double finalTrainingLoss() {
    return finalLoss;
  }

  @Override
  public ClassProbabilities predictProba(Table table) {
    FeatureMatrix x = encoder.transform(table);
    int k = classes.size();
    if (x.rows() == 0 || k < 2) {
      double[] ones = new double[x.rows() * k];
      java.util.Arrays.fill(ones, 1);
      return ClassProbabilities.of(classes, x.rows(), ones);
    }
    try (NDManager m = Torch.newManager()) {
      NDArray in = m.create(x.data(), new Shape(x.rows(), x.cols()));
      // exp(log-softmax), as in lossGradient, so both give the very same probabilities.
      double[] p = logits(in, arrays(m), depth).logSoftmax(1).exp().toDoubleArray();
      return ClassProbabilities.of(classes, x.rows(), p);
    }
  }

  /**
   * The cross-entropy loss of each row with respect to its target class and the loss's gradient
   * with respect to the encoded input, by libtorch's autograd in float64.
   */
  @Override
  public InputGradient lossGradient(FeatureMatrix encoded, int[] targets) {
    return Torch.exclusively(() -> gradientOfLoss(encoded, targets));
  }

  private InputGradient gradientOfLoss(FeatureMatrix encoded, int[] targets) {
    int k = classes.size();
    Differentiable.checkTargets(encoded, targets, k);
    int rows = encoded.rows();
    if (rows == 0 || k < 2) {
      double[] ones = new double[rows * k];
      java.util.Arrays.fill(ones, 1);
      return new InputGradient(
          ClassProbabilities.of(classes, rows, ones),
          new double[rows],
          new double[rows * encoded.cols()]);
    }
    double[] onehot = new double[rows * k];
    for (int r = 0; r < rows; r++) {
      onehot[r * k + targets[r]] = 1;
    }
    try (NDManager m = Torch.newManager()) {
      NDArray x = m.create(encoded.data(), new Shape(rows, encoded.cols()));
      x.setRequiresGradient(true);
      NDArray y = m.create(onehot, new Shape(rows, k));
      Map<String, NDArray> w = arrays(m);
      double[] p;
      double[] loss;
      try (GradientCollector gc = Torch.engine().newGradientCollector()) {
        NDArray logp = logits(x, w, depth).logSoftmax(1);
        NDArray rowLoss = logp.mul(y).sum(new int[] {1}).neg();
        // Rows are independent, so the gradient of the sum is each row's own gradient.
        gc.backward(rowLoss.sum());
        p = logp.exp().toDoubleArray();
        loss = rowLoss.toDoubleArray();
      }
      double[] g = x.getGradient().toDoubleArray();
      return new InputGradient(ClassProbabilities.of(classes, rows, p), loss, g);
    }
  }

  /** A copy of one trained parameter ({@code "out.w"}, {@code "h0.b"}, ...), row-major. */
  double[] parameter(String name) {
    return weights.get(name).clone();
  }

  /** The weights as float64 arrays of {@code m}, without gradients. */
  private Map<String, NDArray> arrays(NDManager m) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : weights.entrySet()) {
      out.put(e.getKey(), m.create(e.getValue(), new Shape(shapes.get(e.getKey()))));
    }
    return out;
  }
}
