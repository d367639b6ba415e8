package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Frechet.Engine;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrechetTest {
  /** The platform whose natives the build ships: there the native engine must load. */
  private static final boolean NATIVE_PLATFORM =
      System.getProperty("os.name").startsWith("Linux")
          && System.getProperty("os.arch").matches("amd64|x86_64");

  @Test
  void nativeEngineLoadsOnLinuxX86() {
    assumeTrue(NATIVE_PLATFORM, "natives are shipped for linux-x86_64 only");
    assertThat(Frechet.nativeUnavailableReason()).isNull();
    assertThat(Frechet.engine(2048)).isEqualTo(Engine.OPENBLAS);
  }

  @Test
  void encodedTablesGiveTheDenseMatrixDistanceBatchByBatch() {
    // 40,000 rows: more than two of the encoder's batches, so the sums cross batch boundaries
    UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20261203L);
    Table real = mixedTable(rng, 40_000, 0);
    Table synthetic = mixedTable(rng, 30_000, 0.3);
    FeatureEncoder encoder = FeatureEncoder.fit(real, real.schema().names());

    double streamed = Frechet.encoded(real, synthetic);
    double dense = Frechet.distance(real, synthetic, encoder::transform);

    assertThat(streamed).isGreaterThan(0.01);
    // the same sums in the same order: equal to the last bit
    assertThat(streamed).isEqualTo(dense);
  }

  private static Table mixedTable(UniformRandomProvider rng, int rows, double shift) {
    double[] x = new double[rows];
    double[] y = new double[rows];
    String[] k = new String[rows];
    for (int r = 0; r < rows; r++) {
      x[r] = rng.nextDouble() + shift;
      y[r] = r % 11 == 0 ? Double.NaN : 2 * x[r] + rng.nextDouble();
      k[r] = rng.nextDouble() < 0.3 + shift / 3 ? "a" : rng.nextBoolean() ? "b" : "c";
    }
    return Table.builder().numeric("x", x).numeric("y", y).categorical("k", k).build();
  }

  @Test
  void smallDimensionsUseEjml() {
    assertThat(Frechet.engine(Frechet.NATIVE_MIN_FEATURES - 1)).isEqualTo(Engine.EJML);
  }

  @Test
  void openBlasAgreesWithEjmlOnCorrelatedData() {
    assumeNative();
    long seed = 20261126L;
    int rows = 500;
    int k = 64;
    double[] a = correlated(seed, rows, k, 0.0, 1.0);
    double[] b = correlated(seed + 1, rows, k, 0.1, 1.3);
    double ejml = Frechet.distance(a, rows, b, rows, k, Engine.EJML);
    double blas = Frechet.distance(a, rows, b, rows, k, Engine.OPENBLAS);
    assertThat(ejml).as("seed = %d", seed).isGreaterThan(1);
    assertThat(Math.abs(blas - ejml) / ejml).as("seed = %d", seed).isLessThanOrEqualTo(1e-9);
  }

  @Test
  void openBlasAgreesWithEjmlWhenACovarianceIsSingular() {
    assumeNative();
    long seed = 20261127L;
    int rows = 500;
    int k = 64;
    double[] a = correlated(seed, rows, k, 0.0, 1.0);
    for (int r = 0; r < rows; r++) {
      a[r * k + 5] = 3.0; // a constant feature: S1 is singular, Cholesky fails, eigen route runs
    }
    double[] b = correlated(seed + 1, rows, k, 0.1, 1.3);
    double ejml = Frechet.distance(a, rows, b, rows, k, Engine.EJML);
    double blas = Frechet.distance(a, rows, b, rows, k, Engine.OPENBLAS);
    // a zero eigenvalue comes out as +-eps * |S1| in each engine, and its square root (~1e-8)
    // enters tr sqrt(S1 S2): agreement is then about sqrt(eps), not eps
    assertThat(Math.abs(blas - ejml) / ejml).as("seed = %d", seed).isLessThanOrEqualTo(1e-7);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void identicalSamplesAreAtDistanceZero(Engine engine) {
    assumeEngine(engine);
    int rows = 300;
    int k = 32;
    double[] a = correlated(7, rows, k, 2.0, 3.0);
    assertThat(Frechet.distance(a, rows, a.clone(), rows, k, engine)).isCloseTo(0, within(1e-9));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void oneFeatureIsSquaredMeanAndStdDifference(Engine engine) {
    assumeEngine(engine);
    double[] a = {1, 2, 3, 4}; // mean 2.5, std sqrt(5/3)
    double[] b = {0, 10}; // mean 5, std sqrt(50)
    double expected = 2.5 * 2.5 + Math.pow(Math.sqrt(5.0 / 3) - Math.sqrt(50), 2);
    assertThat(Frechet.distance(a, 4, b, 2, 1, engine)).isCloseTo(expected, within(1e-12));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void fewerThanTwoRowsIsNaN(Engine engine) {
    assertThat(Frechet.distance(new double[] {1, 2}, 1, new double[] {1, 2}, 1, 2, engine)).isNaN();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void valuesNear1e200AreScaledBeforeTheDecomposition(Engine engine) {
    assumeEngine(engine);
    int rows = 300;
    int k = 3;
    double[] a = correlated(11, rows, k, 2.0, 3.0);
    double[] b = correlated(12, rows, k, 2.5, 2.0);
    double plain = Frechet.distance(a, rows, b, rows, k, engine);
    for (double scale : new double[] {1e200, 1e150, 1e-150}) {
      double[] as = a.clone();
      double[] bs = b.clone();
      for (int i = 0; i < as.length; i++) {
        as[i] *= scale;
        bs[i] *= scale;
      }
      // squares of 1e200 overflow: the SVD did not converge (an internal error, exit 3)
      assertThat(Frechet.distance(as, rows, as.clone(), rows, k, engine))
          .as("identical at scale %s", scale)
          .isZero();
      double d = Frechet.distance(as, rows, bs, rows, k, engine);
      if (scale == 1e200) {
        assertThat(d).isInfinite(); // 5e400 is beyond the largest double
        continue;
      }
      // the distance of cX, cY is c^2 times that of X, Y; c is not a power of two, so the inputs
      // carry a rounding of about 1e-16 relative each
      assertThat(d / scale / scale).as("scale %s", scale).isCloseTo(plain, within(1e-9 * plain));
    }
  }

  private static void assumeNative() {
    assumeTrue(
        NATIVE_PLATFORM || Frechet.nativeUnavailableReason() == null,
        "native OpenBLAS not available here");
  }

  private static void assumeEngine(Engine engine) {
    if (engine == Engine.OPENBLAS) {
      assumeNative();
    }
  }

  /** Rows of Gaussians mixed with their neighbour feature and a shared factor, row-major. */
  static double[] correlated(long seed, int rows, int k, double shift, double scale) {
    UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] x = new double[rows * k];
    for (int r = 0; r < rows; r++) {
      double factor = z.sample();
      double previous = z.sample();
      for (int j = 0; j < k; j++) {
        double e = z.sample();
        x[r * k + j] = shift + scale * (e + 0.5 * previous + (j % 3) * 0.3 * factor);
        previous = e;
      }
    }
    return x;
  }
}
