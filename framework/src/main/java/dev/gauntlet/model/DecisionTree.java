package dev.gauntlet.model;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.IndexSort;
import dev.gauntlet.random.Seed;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

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
 * FeatureEncoder} fitted on the training table. Each feature's row indices are sorted once, then
 * partitioned stably as the tree grows, so a level of the tree costs time linear in the rows.
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
      if (maxDepth < 1) {
        throw new IllegalArgumentException("max depth is not positive: " + maxDepth);
      }
      if (minSamplesLeaf < 1) {
        throw new IllegalArgumentException(
            "min samples per leaf is not positive: " + minSamplesLeaf);
      }
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
      int node = 0;
      while (feature[node] >= 0) {
        node = data[r * p + feature[node]] <= threshold[node] ? left[node] : right[node];
      }
      out[r] = node;
    }
    return out;
  }

  /** Grows the tree into growable parallel arrays, one entry per node. */
  private static final class Grower {
    private final double[] columns;
    private final int[] y;
    private final int n;
    private final int p;
    private final int k;
    private final int maxDepth;
    private final int minLeaf;
    private final UniformRandomProvider rng;

    /** Per feature, the row indices; within each node's range, sorted by that feature's value. */
    private final int[][] order;

    private final boolean[] goesLeft;
    private final int[] buffer;
    private final int[] featureOrder;
    private final long[] leftCounts;
    private final long[] rightCounts;

    int nodes;
    int[] feature = new int[16];
    double[] threshold = new double[16];
    int[] left = new int[16];
    int[] right = new int[16];
    int[] depth = new int[16];
    double[] proportions;

    Grower(FeatureMatrix x, int[] y, int k, int maxDepth, int minLeaf, UniformRandomProvider rng) {
      this.n = x.rows();
      this.p = x.cols();
      this.y = y;
      this.k = k;
      this.maxDepth = maxDepth;
      this.minLeaf = minLeaf;
      this.rng = rng;
      this.columns = new double[n * p];
      double[] data = x.data();
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < p; j++) {
          columns[j * n + r] = data[r * p + j];
        }
      }
      this.order = new int[p][];
      int[] temp = new int[n];
      for (int j = 0; j < p; j++) {
        order[j] = PermutationSampler.natural(n);
        IndexSort.byValue(order[j], columns, j * n, temp);
      }
      this.goesLeft = new boolean[n];
      this.buffer = temp;
      this.featureOrder = PermutationSampler.natural(p);
      this.leftCounts = new long[k];
      this.rightCounts = new long[k];
      this.proportions = new double[16 * k];
    }

    /** A node waiting to be split: its rows are {@code [start, end)} of every order array. */
    private record Pending(int node, int start, int end) {}

    void grow() {
      ArrayDeque<Pending> stack = new ArrayDeque<>();
      stack.push(new Pending(newNode(0, 0, n), 0, n));
      while (!stack.isEmpty()) {
        Pending job = stack.pop();
        int split = findSplit(job);
        if (split < 0) {
          continue;
        }
        int f = feature[job.node];
        int mid = partition(job, f, split);
        int d = depth[job.node] + 1;
        int l = newNode(d, job.start, mid);
        int r = newNode(d, mid, job.end);
        left[job.node] = l;
        right[job.node] = r;
        // Depth first, left before right, so the random draws happen in a fixed order.
        stack.push(new Pending(r, mid, job.end));
        stack.push(new Pending(l, job.start, mid));
      }
    }

    /** Adds a leaf holding rows {@code [start, end)}; returns its index. */
    private int newNode(int nodeDepth, int start, int end) {
      if (nodes == feature.length) {
        int size = nodes * 2;
        feature = Arrays.copyOf(feature, size);
        threshold = Arrays.copyOf(threshold, size);
        left = Arrays.copyOf(left, size);
        right = Arrays.copyOf(right, size);
        depth = Arrays.copyOf(depth, size);
        proportions = Arrays.copyOf(proportions, size * k);
      }
      int node = nodes++;
      feature[node] = -1;
      threshold[node] = Double.NaN;
      left[node] = -1;
      right[node] = -1;
      depth[node] = nodeDepth;
      int[] rows = p > 0 ? order[0] : null;
      for (int i = start; i < end; i++) {
        proportions[node * k + y[rows == null ? i : rows[i]]] += 1;
      }
      for (int c = 0; c < k; c++) {
        proportions[node * k + c] /= end - start;
      }
      return node;
    }

    /**
     * Finds the best split of a node and records its feature and threshold; returns the position
     * (in the feature's order) of the last row going left, or -1 to keep the node a leaf.
     */
    private int findSplit(Pending job) {
      int node = job.node;
      int count = job.end - job.start;
      if (depth[node] >= maxDepth || count < 2 * minLeaf || p == 0 || isPure(node)) {
        return -1;
      }
      long[] total = new long[k];
      for (int i = job.start; i < job.end; i++) {
        total[y[order[0][i]]]++;
      }
      PermutationSampler.shuffle(rng, featureOrder);
      double best = Double.NEGATIVE_INFINITY;
      int bestFeature = -1;
      int bestPosition = -1;
      for (int f : featureOrder) {
        int[] rows = order[f];
        int base = f * n;
        Arrays.fill(leftCounts, 0);
        System.arraycopy(total, 0, rightCounts, 0, k);
        long squaresLeft = 0;
        long squaresRight = 0;
        for (long t : total) {
          squaresRight += t * t;
        }
        for (int i = job.start; i < job.end - 1; i++) {
          int c = y[rows[i]];
          squaresLeft += 2 * leftCounts[c] + 1;
          squaresRight -= 2 * rightCounts[c] - 1;
          leftCounts[c]++;
          rightCounts[c]--;
          int nLeft = i - job.start + 1;
          int nRight = count - nLeft;
          if (nRight < minLeaf) {
            break;
          }
          if (nLeft < minLeaf || !(columns[base + rows[i + 1]] > columns[base + rows[i]])) {
            continue;
          }
          // Maximizing this minimizes the children's row-weighted Gini impurity.
          double proxy = (double) squaresLeft / nLeft + (double) squaresRight / nRight;
          if (proxy > best) {
            best = proxy;
            bestFeature = f;
            bestPosition = i;
          }
        }
      }
      if (bestFeature < 0) {
        return -1;
      }
      int[] rows = order[bestFeature];
      double below = columns[bestFeature * n + rows[bestPosition]];
      double above = columns[bestFeature * n + rows[bestPosition + 1]];
      double mid = below / 2 + above / 2;
      feature[node] = bestFeature;
      threshold[node] = mid == above || Double.isInfinite(mid) ? below : mid;
      return bestPosition;
    }

    private boolean isPure(int node) {
      for (int c = 0; c < k; c++) {
        double share = proportions[node * k + c];
        if (share > 0 && share < 1) {
          return false;
        }
      }
      return true;
    }

    /**
     * Moves the rows going left to the front of the node's range in every order array, keeping each
     * side's order; returns the first position of the right side.
     */
    private int partition(Pending job, int f, int lastLeft) {
      int[] split = order[f];
      for (int i = job.start; i < job.end; i++) {
        goesLeft[split[i]] = i <= lastLeft;
      }
      for (int j = 0; j < p; j++) {
        int[] rows = order[j];
        int l = job.start;
        int r = 0;
        for (int i = job.start; i < job.end; i++) {
          int row = rows[i];
          if (goesLeft[row]) {
            rows[l++] = row;
          } else {
            buffer[r++] = row;
          }
        }
        System.arraycopy(buffer, 0, rows, l, r);
      }
      return lastLeft + 1;
    }
  }
}
