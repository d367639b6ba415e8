package dev.gauntlet.model;

import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.internal.IndexSort;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * Grows a CART tree into growable parallel arrays, one entry per node; what a node holds and how a
 * split is scored is the subclass's (class proportions and Gini impurity for {@link DecisionTree},
 * the mean and squared error for {@link RegressionTree}).
 *
 * <p>A node is split when it is shallower than {@code maxDepth}, not pure, and has a split leaving
 * at least {@code minLeaf} rows on each side; the split chosen maximizes the subclass's proxy.
 * Thresholds lie midway between consecutive distinct values of a feature, and a row goes left when
 * its value is at most the threshold. Each node visits the features in a fresh random order drawn
 * from the seed, and a split replaces the best so far only when strictly better, so ties are broken
 * by that order, reproducibly. Each feature's row indices are sorted once, then partitioned stably
 * as the tree grows, so a level of the tree costs time linear in the rows.
 */
abstract class CartGrower {
  private final double[] columns;
  final int n;
  private final int p;
  private final int maxDepth;
  private final int minLeaf;
  private final UniformRandomProvider rng;

  /** Per feature, the row indices; within each node's range, sorted by that feature's value. */
  private final int[][] order;

  private final boolean[] goesLeft;
  private final int[] buffer;
  private final int[] featureOrder;

  int nodes;
  int[] feature = new int[16];
  double[] threshold = new double[16];
  int[] left = new int[16];
  int[] right = new int[16];
  int[] depth = new int[16];

  CartGrower(FeatureMatrix x, int maxDepth, int minLeaf, UniformRandomProvider rng) {
    this.n = x.rows();
    this.p = x.cols();
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
  }

  /** Checks a tree's settings, as each tree's trainer takes them. */
  static void checkSettings(int maxDepth, int minSamplesLeaf) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("max depth is not positive: " + maxDepth);
    }
    if (minSamplesLeaf < 1) {
      throw new IllegalArgumentException("min samples per leaf is not positive: " + minSamplesLeaf);
    }
  }

  /** Makes room for the per-node figures of {@code size} nodes. */
  abstract void resize(int size);

  /** Records the figures of a new node holding {@code rows[start, end)} (null rows: 0..n). */
  abstract void summarize(int node, int[] rows, int start, int end);

  /** Whether no split could improve the node (one class; one target value). */
  abstract boolean isPure(int node);

  /** Starts scoring the splits of a node holding {@code rows[start, end)}. */
  abstract void beginNode(int[] rows, int start, int end);

  /** Starts a scan of one feature: every row of the node on the right. */
  abstract void beginScan();

  /** Moves one row from the right side to the left. */
  abstract void moveLeft(int row);

  /** The current split's score; larger is better (a proxy of the children's impurity). */
  abstract double proxy(int nLeft, int nRight);

  /** A node waiting to be split: its rows are {@code [start, end)} of every order array. */
  private record Pending(int node, int start, int end) {}

  final void grow() {
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
      resize(size);
    }
    int node = nodes++;
    feature[node] = -1;
    threshold[node] = Double.NaN;
    left[node] = -1;
    right[node] = -1;
    depth[node] = nodeDepth;
    summarize(node, p > 0 ? order[0] : null, start, end);
    return node;
  }

  /**
   * Finds the best split of a node and records its feature and threshold; returns the position (in
   * the feature's order) of the last row going left, or -1 to keep the node a leaf.
   */
  private int findSplit(Pending job) {
    int node = job.node;
    int count = job.end - job.start;
    if (depth[node] >= maxDepth || count < 2 * minLeaf || p == 0 || isPure(node)) {
      return -1;
    }
    beginNode(order[0], job.start, job.end);
    PermutationSampler.shuffle(rng, featureOrder);
    double best = Double.NEGATIVE_INFINITY;
    int bestFeature = -1;
    int bestPosition = -1;
    for (int f : featureOrder) {
      int[] rows = order[f];
      int base = f * n;
      beginScan();
      for (int i = job.start; i < job.end - 1; i++) {
        moveLeft(rows[i]);
        int nLeft = i - job.start + 1;
        int nRight = count - nLeft;
        if (nRight < minLeaf) {
          break;
        }
        if (nLeft < minLeaf || !(columns[base + rows[i + 1]] > columns[base + rows[i]])) {
          continue;
        }
        double proxy = proxy(nLeft, nRight);
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

  /** The node the row of {@code data} (row-major, {@code p} columns) lands in. */
  static int leafOf(
      double[] data, int at, int[] feature, double[] threshold, int[] left, int[] right) {
    int node = 0;
    while (feature[node] >= 0) {
      node = data[at + feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    return node;
  }
}
