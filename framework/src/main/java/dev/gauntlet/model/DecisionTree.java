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
 * A CART classification tree grown by Gini impurity, as scikit-learn's {@code
 * DecisionTreeClassifier} with all features considered at each split.
 *
 * <p>A node is split when it is shallower than {@code maxDepth}, impure, and has a split leaving at
 * least {@code minSamplesLeaf} rows on each side; the split chosen minimizes the children's
 * row-weighted Gini impurity. Thresholds lie midway between consecutive distinct values of a
 * feature, and a row goes left when its value is at most the threshold. Each node visits the
 * features in a fresh random order drawn from the seed, and a split replaces the best so far only
 * when strictly better, so ties are broken by that order, reproducibly. A leaf predicts the class
 * proportions of its training rows.
 *
 * <p>The features are the table's feature columns (the label excluded) through a {@link
 * FeatureEncoder} fitted on the training table. The growing is {@link CartGrower}'s, shared with
 * {@link RegressionTree}.
 */
public final class DecisionTree implements Classifier {
  private final FeatureEncoder encoder;
  private final List<String> classes;
  private final int[] feature;
  private final double[] threshold;
  private final int[] left;
  private final int[] right;
  private final int[] depth;
  private final double[] proportions;

  private DecisionTree(FeatureEncoder encoder, List<String> classes, Grower grown) {
    this.encoder = encoder;
    this.classes = List.copyOf(classes);
    int nodes = grown.nodes;
    this.feature = Arrays.copyOf(grown.feature, nodes);
    this.threshold = Arrays.copyOf(grown.threshold, nodes);
    this.left = Arrays.copyOf(grown.left, nodes);
    this.right = Arrays.copyOf(grown.right, nodes);
    this.depth = Arrays.copyOf(grown.depth, nodes);
    this.proportions = Arrays.copyOf(grown.proportions, nodes * classes.size());
  }

  /** A trainer with scikit-learn's defaults (unlimited depth, one row per leaf) and seed 0. */
  public static Trainer trainer(String label) {
    return new Trainer(label, Integer.MAX_VALUE, 1, Seed.of(0));
  }

  /**
   * The settings of a fit.
   *
   * @param label the label column
   * @param maxDepth the deepest a leaf may be (the root has depth 0); positive
   * @param minSamplesLeaf the fewest training rows a leaf may hold; positive
   * @param seed orders the features at each node, which decides between equally good splits
   */
  public record Trainer(String label, int maxDepth, int minSamplesLeaf, Seed seed)
      implements ModelTrainer<Classifier> {
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
    public DecisionTree fit(Table train) {
      TrainingSet set = TrainingSet.of(train, label);
      int k = set.labels().classes().size();
      Grower grower =
          new Grower(set.x(), set.labels().y(), k, maxDepth, minSamplesLeaf, seed.rng());
      grower.grow();
      return new DecisionTree(set.encoder(), set.labels().classes(), grower);
    }
  }

  @Override
  public List<String> classes() {
    return classes;
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

  /** The encoded feature the node splits on, or -1 for a leaf. Node 0 is the root. */
  public int splitFeature(int node) {
    return feature[node];
  }

  /** The node's threshold: rows with a feature value at most this go left. NaN for a leaf. */
  public double splitThreshold(int node) {
    return threshold[node];
  }

  /** The node's left child (-1 for a leaf). */
  public int leftChild(int node) {
    return left[node];
  }

  /** The node's right child (-1 for a leaf). */
  public int rightChild(int node) {
    return right[node];
  }

  @Override
  public ClassProbabilities predictProba(Table table) {
    int[] leaves = apply(table);
    int k = classes.size();
    double[] out = new double[leaves.length * k];
    for (int r = 0; r < leaves.length; r++) {
      System.arraycopy(proportions, leaves[r] * k, out, r * k, k);
    }
    return ClassProbabilities.wrap(classes, leaves.length, out);
  }

  /** The leaf (node index) each row of the table lands in, as scikit-learn's {@code apply}. */
  public int[] apply(Table table) {
    FeatureMatrix x = encoder.transform(table);
    double[] data = x.data();
    int p = x.cols();
    int[] out = new int[x.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = CartGrower.leafOf(data, r * p, feature, threshold, left, right);
    }
    return out;
  }

  /** Grows a classification tree: class proportions per node, Gini impurity per split. */
  private static final class Grower extends CartGrower {
    private final int[] y;
    private final int k;
    private final long[] total;
    private final long[] leftCounts;
    private final long[] rightCounts;
    private long squaresLeft;
    private long squaresRight;
    double[] proportions;

    Grower(FeatureMatrix x, int[] y, int k, int maxDepth, int minLeaf, UniformRandomProvider rng) {
      super(x, maxDepth, minLeaf, rng);
      this.y = y;
      this.k = k;
      this.total = new long[k];
      this.leftCounts = new long[k];
      this.rightCounts = new long[k];
      this.proportions = new double[feature.length * k];
    }

    @Override
    void resize(int size) {
      proportions = Arrays.copyOf(proportions, size * k);
    }

    @Override
    void summarize(int node, int[] rows, int start, int end) {
      for (int i = start; i < end; i++) {
        proportions[node * k + y[rows == null ? i : rows[i]]] += 1;
      }
      for (int c = 0; c < k; c++) {
        proportions[node * k + c] /= end - start;
      }
    }

    @Override
    boolean isPure(int node) {
      for (int c = 0; c < k; c++) {
        double share = proportions[node * k + c];
        if (share > 0 && share < 1) {
          return false;
        }
      }
      return true;
    }

    @Override
    void beginNode(int[] rows, int start, int end) {
      Arrays.fill(total, 0);
      for (int i = start; i < end; i++) {
        total[y[rows[i]]]++;
      }
    }

    @Override
    void beginScan() {
      Arrays.fill(leftCounts, 0);
      System.arraycopy(total, 0, rightCounts, 0, k);
      squaresLeft = 0;
      squaresRight = 0;
      for (long t : total) {
        squaresRight += t * t;
      }
    }

    @Override
    void moveLeft(int row) {
      int c = y[row];
      squaresLeft += 2 * leftCounts[c] + 1;
      squaresRight -= 2 * rightCounts[c] - 1;
      leftCounts[c]++;
      rightCounts[c]--;
    }

    @Override
    double proxy(int nLeft, int nRight) {
      // Maximizing this minimizes the children's row-weighted Gini impurity.
      return (double) squaresLeft / nLeft + (double) squaresRight / nRight;
    }
  }
}
