package dev.gauntlet.model;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A CART regression tree grown by variance reduction, as scikit-learn's {@code
 * DecisionTreeRegressor} (squared error) with all features considered at each split.
 *
 * <p>It grows as {@link DecisionTree} does ({@link CartGrower}: the same thresholds, depth and leaf
 * limits, seeded tie-breaking); the split chosen minimizes the children's summed squared error,
 * that is maximizes {@code sumLeft^2 / nLeft + sumRight^2 / nRight} of the targets, scikit-learn's
 * proxy. A node whose targets are all equal is not split. A leaf predicts the mean target of its
 * training rows. The features are the table's feature columns (the label excluded) through a {@link
 * FeatureEncoder} fitted on the training table.
 */
public final class RegressionTree implements Regressor {
  private final FeatureEncoder encoder;
  private final int[] feature;
  private final double[] threshold;
  private final int[] left;
  private final int[] right;
  private final int[] depth;
  private final double[] value;

  private RegressionTree(FeatureEncoder encoder, Grower grown) {
    this.encoder = encoder;
    int nodes = grown.nodes;
    this.feature = Arrays.copyOf(grown.feature, nodes);
    this.threshold = Arrays.copyOf(grown.threshold, nodes);
    this.left = Arrays.copyOf(grown.left, nodes);
    this.right = Arrays.copyOf(grown.right, nodes);
    this.depth = Arrays.copyOf(grown.depth, nodes);
    this.value = Arrays.copyOf(grown.mean, nodes);
  }

  /** A trainer with scikit-learn's defaults (unlimited depth, one row per leaf) and seed 0. */
  public static Trainer trainer(String label) {
    return new Trainer(label, Integer.MAX_VALUE, 1, Seed.of(0));
  }

  /**
   * The settings of a fit.
   *
   * @param label the label column, numeric
   * @param maxDepth the deepest a leaf may be (the root has depth 0); positive
   * @param minSamplesLeaf the fewest training rows a leaf may hold; positive
   * @param seed orders the features at each node, which decides between equally good splits
   */
  public record Trainer(String label, int maxDepth, int minSamplesLeaf, Seed seed)
      implements ModelTrainer<Regressor> {
    public Trainer {
      TrainingSet.checkLabel(label);
      Objects.requireNonNull(seed, "seed");
      CartGrower.checkSettings(maxDepth, minSamplesLeaf);
    }

    public Trainer withMaxDepth(int newMaxDepth) {
      return new Trainer(label, newMaxDepth, minSamplesLeaf, seed);
    }

    public Trainer withMinSamplesLeaf(int newMinSamplesLeaf) {
      return new Trainer(label, maxDepth, newMinSamplesLeaf, seed);
    }

    public Trainer withSeed(Seed newSeed) {
      return new Trainer(label, maxDepth, minSamplesLeaf, newSeed);
    }

    @Override
    public RegressionTree fit(Table train) {
      RegressionSet set = RegressionSet.of(train, label);
      Grower grower = new Grower(set.x(), set.y(), maxDepth, minSamplesLeaf, seed.rng());
      grower.grow();
      return new RegressionTree(set.encoder(), grower);
    }
  }

  /** The encoded feature names that split nodes refer to. */
  public List<String> featureNames() {
    return encoder.featureNames();
  }

  public int nodeCount() {
    return feature.length;
  }

  public int leafCount() {
    return (int) Arrays.stream(feature).filter(f -> f < 0).count();
  }

  /** The depth of the deepest leaf (0 for a tree that is a single leaf). */
  public int depth() {
    return Arrays.stream(depth).max().orElse(0);
  }

  @Override
  public double[] predict(Table table) {
    int[] leaves = apply(table);
    double[] out = new double[leaves.length];
    for (int r = 0; r < out.length; r++) {
      out[r] = value[leaves[r]];
    }
    return out;
  }

  /** The leaf (node index) each row of the table lands in, as scikit-learn's {@code apply}. */
  public int[] apply(Table table) {
    FeatureMatrix x = encoder.transform(table);
    int[] out = new int[x.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = CartGrower.leafOf(x.data(), r * x.cols(), feature, threshold, left, right);
    }
    return out;
  }

  /** Grows a regression tree: the mean target per node, the squared error per split. */
  private static final class Grower extends CartGrower {
    private final double[] y;
    private double total;
    private double sumLeft;
    double[] mean;
    private boolean[] constant;

    Grower(FeatureMatrix x, double[] y, int maxDepth, int minLeaf, UniformRandomProvider rng) {
      super(x, maxDepth, minLeaf, rng);
      this.y = y;
      this.mean = new double[feature.length];
      this.constant = new boolean[feature.length];
    }

    @Override
    void resize(int size) {
      mean = Arrays.copyOf(mean, size);
      constant = Arrays.copyOf(constant, size);
    }

    @Override
    void summarize(int node, int[] rows, int start, int end) {
      if (end == start) {
        mean[node] = Double.NaN;
        constant[node] = true;
        return;
      }
      double sum = 0;
      double first = y[rows == null ? start : rows[start]];
      boolean same = true;
      for (int i = start; i < end; i++) {
        double v = y[rows == null ? i : rows[i]];
        sum += v;
        same &= v == first;
      }
      mean[node] = sum / (end - start);
      constant[node] = same;
    }

    @Override
    boolean isPure(int node) {
      return constant[node];
    }

    @Override
    void beginNode(int[] rows, int start, int end) {
      total = 0;
      for (int i = start; i < end; i++) {
        total += y[rows[i]];
      }
    }

    @Override
    void beginScan() {
      sumLeft = 0;
    }

    @Override
    void moveLeft(int row) {
      sumLeft += y[row];
    }

    @Override
    double proxy(int nLeft, int nRight) {
      double sumRight = total - sumLeft;
      return sumLeft * sumLeft / nLeft + sumRight * sumRight / nRight;
    }
  }
}
