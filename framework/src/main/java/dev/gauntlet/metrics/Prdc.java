package dev.gauntlet.metrics;

import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Precision, recall, density and coverage of a synthetic sample against a real one (Naeem et al.
 * 2020, "Reliable Fidelity and Diversity Metrics for Generative Models"), with the definitions of
 * the paper's reference implementation {@code prdc.compute_prdc}
 * (clovaai/generative-evaluation-prdc).
 *
 * <p>Rows are encoded by a {@code FeatureEncoder} fitted on the real table (numeric standardized,
 * categorical one-hot, missing-value indicators; columns with role ID left out), and compared by
 * Euclidean distance. The radius of a real row is the distance to its {@code k}-th nearest other
 * real row (the {@code (k+1)}-th smallest distance of the row, itself included, as the reference);
 * likewise for fake (synthetic) rows among fake rows. "Within a ball" is strictly closer than its
 * radius, as the reference's {@code <}. Distances are compared squared, which orders them as the
 * distances themselves.
 *
 * <p>The cost is quadratic (real x real, fake x fake and twice real x fake distances); callers
 * subsample large tables (see {@link Privacy#subsample}). Query rows are spread over the common
 * pool's threads, each writing only its own result, so the figures do not depend on the thread
 * count.
 *
 * @param k the neighbour rank defining the radii
 * @param realRows real rows compared
 * @param syntheticRows synthetic rows compared
 * @param precision the share of fake rows within the ball of some real row
 * @param recall the share of real rows within the ball of some fake row
 * @param density the number of real balls a fake row lies in, averaged over fake rows, divided by
 *     {@code k} (1 is about what a sample of the real distribution gets; may exceed 1)
 * @param coverage the share of real rows whose nearest fake row is within the real row's own ball
 */
public record Prdc(
    int k,
    int realRows,
    int syntheticRows,
    double precision,
    double recall,
    double density,
    double coverage) {

  /** The paper's and the reference implementation's default: 5 nearest neighbours. */
  public static final int DEFAULT_K = 5;

  /** The four figures with {@code k = 5}. */
  public static Prdc of(Table real, Table synthetic) {
    return of(real, synthetic, DEFAULT_K);
  }

  /**
   * The four figures for neighbour rank {@code k} (at least 1). Each side needs more than {@code k}
   * rows to define its radii; with fewer, every figure is NaN.
   */
  public static Prdc of(Table real, Table synthetic, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("nearest-neighbour k is less than 1: " + k);
    }
    FeatureMatrix[] x = FeatureRows.encodedOnReal(real, synthetic);
    return of(x[0].data(), x[0].rows(), x[1].data(), x[1].rows(), x[0].cols(), k);
  }

  /**
   * The four figures for rows already encoded: row-major {@code real} ({@code n x d}) and {@code
   * fake} ({@code m x d}).
   */
  public static Prdc of(double[] real, int n, double[] fake, int m, int d, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("nearest-neighbour k is less than 1: " + k);
    }
    FeatureRows.checkShape(real, n, fake, m, d);
    if (n <= k || m <= k) {
      return new Prdc(k, n, m, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] realRadius = kthNeighbour(real, n, d, k);
    double[] fakeRadius = kthNeighbour(fake, m, d, k);

    // per fake row: how many real balls hold it
    int[] balls =
        IntStream.range(0, m)
            .parallel()
            .map(
                j -> {
                  int count = 0;
                  for (int i = 0; i < n; i++) {
                    double r = realRadius[i];
                    if (FeatureRows.squaredDistanceBelow(fake, j, real, i, d, r) < r) {
                      count++;
                    }
                  }
                  return count;
                })
            .toArray();
    // per real row: bit 0 = within some fake ball (recall), bit 1 = nearest fake row within its
    // own ball (coverage: the nearest is within the radius iff some fake row is)
    int[] flags =
        IntStream.range(0, n)
            .parallel()
            .map(
                i -> {
                  double own = realRadius[i];
                  boolean recalled = false;
                  boolean covered = false;
                  for (int j = 0; j < m && !(recalled && covered); j++) {
                    double bound = Math.max(own, fakeRadius[j]);
                    double s = FeatureRows.squaredDistanceBelow(real, i, fake, j, d, bound);
                    recalled |= s < fakeRadius[j];
                    covered |= s < own;
                  }
                  return (recalled ? 1 : 0) | (covered ? 2 : 0);
                })
            .toArray();

    long precise = Arrays.stream(balls).filter(c -> c > 0).count();
    long ballSum = Arrays.stream(balls).asLongStream().sum();
    long recalled = Arrays.stream(flags).filter(f -> (f & 1) != 0).count();
    long covered = Arrays.stream(flags).filter(f -> (f & 2) != 0).count();
    return new Prdc(
        k,
        n,
        m,
        (double) precise / m,
        (double) recalled / n,
        (double) ballSum / m / k,
        (double) covered / n);
  }

  /**
   * The squared distance from each row to its {@code k}-th nearest other row (ties counted, as the
   * {@code (k+1)}-th smallest of the row's distances including its own 0).
   */
  static double[] kthNeighbour(double[] x, int n, int d, int k) {
    return IntStream.range(0, n)
        .parallel()
        .mapToDouble(
            i -> {
              // the k smallest distances so far, ascending
              double[] best = new double[k];
              Arrays.fill(best, Double.POSITIVE_INFINITY);
              for (int j = 0; j < n; j++) {
                if (j == i) {
                  continue;
                }
                double s = FeatureRows.squaredDistanceBelow(x, i, x, j, d, best[k - 1]);
                if (s < best[k - 1]) {
                  int at = k - 1;
                  while (at > 0 && best[at - 1] > s) {
                    best[at] = best[at - 1];
                    at--;
                  }
                  best[at] = s;
                }
              }
              return best[k - 1];
            })
        .toArray();
  }
}
