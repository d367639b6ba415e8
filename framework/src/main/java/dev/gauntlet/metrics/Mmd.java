package dev.gauntlet.metrics;

import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * The maximum mean discrepancy between a real and a synthetic sample with a Gaussian (RBF) kernel,
 * and a permutation test of it (Gretton et al. 2012).
 *
 * <p>Rows are encoded as for {@link Prdc} (a {@code FeatureEncoder} fitted on the real table) and
 * pooled: {@code n} real rows then {@code m} synthetic rows. Conventions, exactly:
 *
 * <ul>
 *   <li>Bandwidth (median heuristic): {@code sigma} = the median of the Euclidean distances over
 *       all {@code N(N-1)/2} pairs {@code i < j} of the pooled sample, {@code N = n + m}, the mean
 *       of the two middle values when their number is even (numpy's {@code
 *       np.median(scipy.spatial.distance.pdist(pooled))}). It is computed exactly, in two passes
 *       over the pairs, without storing them; above {@link #BANDWIDTH_ROWS} pooled rows, over a
 *       seeded subsample of that many rows.
 *   <li>Kernel: {@code k(x, y) = exp(-gamma |x - y|^2)} with {@code gamma = 1 / (2 sigma^2)}.
 *   <li>Statistic: the unbiased estimate {@code MMD^2_u = sum_{i != j} k(x_i, x_j) / (n(n-1)) +
 *       sum_{i != j} k(y_i, y_j) / (m(m-1)) - 2 sum_{i,j} k(x_i, y_j) / (nm)}; it can be slightly
 *       negative when the samples agree.
 *   <li>p-value: the pooled rows are relabelled by {@code permutations} random permutations, the
 *       {@code b}-th (from 1) a shuffle drawn from {@code seed.derive("mmd-permutation", b)} whose
 *       first {@code n} rows become the "real" side; {@code p = (1 + #{b : MMD^2_u(b) >= observed})
 *       / (1 + permutations)}. So it is never below {@code 1 / (1 + permutations)}.
 * </ul>
 *
 * <p>Every permutation's statistic comes from one pass over the pairs {@code i < j} (a kernel value
 * is computed once and added to every permutation's sums), rows spread over threads with each row
 * writing only its own sums, which are added in row order: the result does not depend on the thread
 * count.
 *
 * @param realRows real rows compared
 * @param syntheticRows synthetic rows compared
 * @param mmd2 the unbiased MMD² estimate; NaN when a side has fewer than 2 rows or the bandwidth is
 *     0 (more than half of the pooled pairs are identical rows)
 * @param pValue the permutation p-value; NaN when {@code mmd2} is, or without permutations
 * @param bandwidth the median-heuristic {@code sigma}; NaN when the pooled sample has under 2 rows
 * @param permutations the number of permutations drawn
 */
public record Mmd(
    int realRows,
    int syntheticRows,
    double mmd2,
    double pValue,
    double bandwidth,
    int permutations) {

  /** The default number of permutations. */
  public static final int DEFAULT_PERMUTATIONS = 100;

  /** The statistic and its p-value from 100 permutations. */
  public static Mmd of(Table real, Table synthetic, Seed seed) {
    return of(real, synthetic, DEFAULT_PERMUTATIONS, seed);
  }

  /** The statistic and its p-value from {@code permutations} (at least 0) permutations. */
  public static Mmd of(Table real, Table synthetic, int permutations, Seed seed) {
    checkPermutations(permutations);
    FeatureMatrix[] x = FeatureRows.encodedOnReal(real, synthetic);
    return of(x[0].data(), x[0].rows(), x[1].data(), x[1].rows(), x[0].cols(), permutations, seed);
  }

  /**
   * The statistic for rows already encoded: row-major {@code real} ({@code n x d}) and {@code fake}
   * ({@code m x d}).
   */
  public static Mmd of(
      double[] real, int n, double[] fake, int m, int d, int permutations, Seed seed) {
    checkPermutations(permutations);
    Objects.requireNonNull(seed, "seed");
    FeatureRows.checkShape(real, n, fake, m, d);
    int total = n + m;
    // the sizes in long arithmetic: n * d fits (real holds it) but (n + m) * d may not
    double[] pooled = Arrays.copyOf(real, FeatureMatrix.cells(total, d));
    System.arraycopy(fake, 0, pooled, n * d, m * d);
    double sigma = total < 2 ? Double.NaN : bandwidth(pooled, total, d, seed);
    if (n < 2 || m < 2 || !(sigma > 0)) {
      return new Mmd(n, m, Double.NaN, Double.NaN, sigma, permutations);
    }
    double gamma = 1 / (2 * sigma * sigma);
    double[] stats = statistics(pooled, n, m, d, gamma, labels(n, m, permutations, seed));
    double observed = stats[0];
    int atLeast = 0;
    for (int b = 1; b <= permutations; b++) {
      atLeast += stats[b] >= observed ? 1 : 0;
    }
    double p = permutations == 0 ? Double.NaN : (1.0 + atLeast) / (1.0 + permutations);
    return new Mmd(n, m, observed, p, sigma, permutations);
  }

  /** Pooled rows beyond which the median heuristic looks at a seeded subsample of them. */
  public static final int BANDWIDTH_ROWS = 1000;

  /**
   * The median heuristic: over all pooled rows up to {@link #BANDWIDTH_ROWS}, else over a seeded
   * subsample of that many ({@code seed.derive("mmd-bandwidth")}), which estimates the same median
   * at a small fraction of the pairs.
   */
  private static double bandwidth(double[] pooled, int total, int d, Seed seed) {
    if (total <= BANDWIDTH_ROWS) {
      return medianDistance(pooled, total, d);
    }
    int[] rows = PermutationSampler.natural(total);
    PermutationSampler.shuffle(seed.rng("mmd-bandwidth", 0), rows);
    double[] sample = new double[BANDWIDTH_ROWS * d];
    for (int i = 0; i < BANDWIDTH_ROWS; i++) {
      System.arraycopy(pooled, rows[i] * d, sample, i * d, d);
    }
    return medianDistance(sample, BANDWIDTH_ROWS, d);
  }

  private static void checkPermutations(int permutations) {
    if (permutations < 0) {
      throw new IllegalArgumentException("number of permutations is negative: " + permutations);
    }
  }

  /**
   * Row {@code j}'s labels, row-major {@code N x (B + 1)}: 1 where row {@code j} is on the "real"
   * side of labelling {@code b}; labelling 0 is the observed one.
   */
  private static double[] labels(int n, int m, int permutations, Seed seed) {
    int total = n + m;
    int w = permutations + 1;
    double[] l = new double[FeatureMatrix.cells(total, w)];
    for (int j = 0; j < n; j++) {
      l[j * w] = 1;
    }
    for (int b = 1; b <= permutations; b++) {
      int[] perm = PermutationSampler.natural(total);
      PermutationSampler.shuffle(seed.rng("mmd-permutation", b), perm);
      for (int t = 0; t < n; t++) {
        l[perm[t] * w + b] = 1;
      }
    }
    return l;
  }

  /**
   * {@code MMD^2_u} for each labelling. Per row {@code i}: {@code a_b = sum_{j > i} k_ij l_jb} and
   * {@code r = sum_{j > i} k_ij}; then the off-diagonal within-sample sums are {@code S_xx = 2
   * sum_i l_ib a_b} and {@code S_yy = 2 sum_i (1 - l_ib)(r - a_b)}, and the cross sum is half of
   * what the total off-diagonal sum leaves.
   */
  private static double[] statistics(
      double[] x, int n, int m, int d, double gamma, double[] labels) {
    int total = n + m;
    int w = labels.length / total;
    // per row: w sums over real-side partners, w over synthetic-side ones, then the row sum
    double[][] perRow =
        IntStream.range(0, total)
            .parallel()
            .mapToObj(
                i -> {
                  double[] a = new double[w];
                  double rowSum = 0;
                  for (int j = i + 1; j < total; j++) {
                    double kij = Math.exp(-gamma * FeatureRows.squaredDistance(x, i, x, j, d));
                    rowSum += kij;
                    int at = j * w;
                    for (int b = 0; b < w; b++) {
                      a[b] += kij * labels[at + b];
                    }
                  }
                  double[] out = new double[2 * w + 1];
                  int li = i * w;
                  for (int b = 0; b < w; b++) {
                    double l = labels[li + b];
                    out[b] = l * a[b];
                    out[w + b] = (1 - l) * (rowSum - a[b]);
                  }
                  out[2 * w] = rowSum;
                  return out;
                })
            .toArray(double[][]::new);
    double[] sum = new double[2 * w + 1];
    for (double[] row : perRow) {
      for (int t = 0; t < sum.length; t++) {
        sum[t] += row[t];
      }
    }
    double offDiagonal = 2 * sum[2 * w];
    double[] stats = new double[w];
    for (int b = 0; b < w; b++) {
      double sxx = 2 * sum[b];
      double syy = 2 * sum[w + b];
      double sxy = (offDiagonal - sxx - syy) / 2;
      stats[b] =
          sxx / ((double) n * (n - 1)) + syy / ((double) m * (m - 1)) - 2 * sxy / ((double) n * m);
    }
    return stats;
  }

  /**
   * The median Euclidean distance over the pairs {@code i < j} of {@code x}'s {@code N} rows.
   * Squared distances order as distances, and a non-negative double's bits order as its value: a
   * first pass counts the squared distances by their top 16 bits, a second collects those in the
   * one or two buckets holding the middle ranks, which are then sorted.
   */
  static double medianDistance(double[] x, int total, int d) {
    long pairs = (long) total * (total - 1) / 2;
    // integer counts: their sum does not depend on how the rows were split between threads
    long[] counts =
        IntStream.range(0, total)
            .parallel()
            .collect(
                () -> new long[BUCKETS],
                (c, i) -> {
                  for (int j = i + 1; j < total; j++) {
                    c[bucket(FeatureRows.squaredDistance(x, i, x, j, d))]++;
                  }
                },
                (c, other) -> {
                  for (int b = 0; b < BUCKETS; b++) {
                    c[b] += other[b];
                  }
                });
    long hiRank = pairs / 2;
    long loRank = pairs % 2 == 1 ? hiRank : hiRank - 1;
    int loBucket = bucketOfRank(counts, loRank);
    int hiBucket = bucketOfRank(counts, hiRank);
    long before = 0;
    for (int b = 0; b < loBucket; b++) {
      before += counts[b];
    }
    double[] kept =
        IntStream.range(0, total)
            .parallel()
            .mapToObj(
                i -> {
                  double[] out = new double[8];
                  int size = 0;
                  for (int j = i + 1; j < total; j++) {
                    double s = FeatureRows.squaredDistance(x, i, x, j, d);
                    int b = bucket(s);
                    if (b >= loBucket && b <= hiBucket) {
                      if (size == out.length) {
                        out = Arrays.copyOf(out, 2 * size);
                      }
                      out[size++] = s;
                    }
                  }
                  return Arrays.copyOf(out, size);
                })
            .flatMapToDouble(Arrays::stream)
            .sorted()
            .toArray();
    double lo = Math.sqrt(kept[(int) (loRank - before)]);
    double hi = Math.sqrt(kept[(int) (hiRank - before)]);
    return (lo + hi) / 2;
  }

  private static final int BUCKETS = 1 << 16;

  private static int bucket(double nonNegative) {
    return (int) (Double.doubleToRawLongBits(nonNegative) >>> 48);
  }

  private static int bucketOfRank(long[] counts, long rank) {
    long seen = 0;
    for (int b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen > rank) {
        return b;
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond " + seen + " pairs");
  }
}
