package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Correlations;
import dev.gauntlet.random.Seed;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * The copula's latent correlation for numeric pairs (NORTA, {@link Fitting#matchPearson}) against
 * the closed forms that link a bivariate normal's ρ to the Pearson r of its transformed margins:
 * normal margins r = ρ; uniform margins r = (6 / π) asin(ρ / 2) (Pearson 1907); log-normal margins
 * with log-sds s and t, r = (exp(ρ s t) - 1) / √((exp(s²) - 1)(exp(t²) - 1)).
 *
 * <p>Tolerances (the computation is deterministic; only the sample's r depends on the seed): the
 * bisection stops within 2 / 2^16 = 3e-5 of the root, and the 128 equal-probability strata
 * integrate the uniform margins' product to within 5e-4 in ρ, so 0.002 holds. The strata cut the
 * log-normal's long tail (the outermost node is the 1 - 1/256 quantile), which shrinks the latent
 * ρ's magnitude by 0.007 to 0.013 here (documented as about 1/128); 0.015 holds, while the normal
 * identity ρ = r misses by 0.03 or more at the two lower correlations and a sign error by far more.
 */
class CopulaCorrelationTest {

  /** 2,000 rows of (x, y): a margin of a bivariate normal with this correlation. */
  static Table pair(double latent, java.util.function.DoubleUnaryOperator margin) {
    UniformRandomProvider rng = Seed.of(18).rng();
    var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = 2000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double a = gauss.sample();
      double b = latent * a + Math.sqrt(1 - latent * latent) * gauss.sample();
      x[i] = margin.applyAsDouble(a);
      y[i] = margin.applyAsDouble(b);
    }
    return Table.builder().numeric("x", x).numeric("y", y).build();
  }

  static double latent(Table sample, Distribution x, Distribution y) {
    NumericTables[] tables = {
      new NumericTables(ColumnModel.Numeric.of("x", x)),
      new NumericTables(ColumnModel.Numeric.of("y", y))
    };
    double[][] r = {{1, 0}, {0, 1}};
    Fitting.matchPearson(r, sample, tables);
    assertThat(r[0][1]).isEqualTo(r[1][0]);
    return r[1][0];
  }

  static double target(Table sample) {
    return Correlations.pearson(sample.numeric("x").values(), sample.numeric("y").values());
  }

  @Test
  void normalMarginsKeepTheirPearsonCorrelation() {
    for (double rho : new double[] {-0.7, 0.3, 0.9}) {
      Table t = pair(rho, z -> 5 + 2 * z);
      double r = target(t);
      assertThat(latent(t, new Distribution.Normal(5, 2), new Distribution.Normal(5, 2)))
          .as("latent for r = %s", r)
          .isCloseTo(r, within(1e-4));
    }
  }

  @Test
  void uniformMarginsFollowPearsonsArcsine() {
    var phi = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);
    for (double rho : new double[] {-0.8, 0.2, 0.6}) {
      Table t = pair(rho, phi::cumulativeProbability);
      double r = target(t);
      double got = latent(t, new Distribution.Uniform(0, 1), new Distribution.Uniform(0, 1));
      double expected = 2 * Math.sin(Math.PI * r / 6);
      System.out.printf(
          "uniform margins: r %.4f, latent %.5f, closed form %.5f%n", r, got, expected);
      assertThat(got).as("latent for r = %s", r).isCloseTo(expected, within(0.002));
    }
  }

  @Test
  void logNormalMarginsFollowTheirClosedForm() {
    double s = 0.5;
    double scale = Math.exp(s * s) - 1;
    for (double rho : new double[] {-0.5, 0.4, 0.8}) {
      Table t = pair(rho, z -> Math.exp(s * z));
      double r = target(t);
      // invert r = (exp(ρ s²) - 1) / (exp(s²) - 1)
      double expected = Math.log(1 + r * scale) / (s * s);
      double got = latent(t, new Distribution.LogNormal(0, s), new Distribution.LogNormal(0, s));
      System.out.printf(
          "log-normal margins: r %.4f, latent %.5f, closed form %.5f%n", r, got, expected);
      assertThat(got).as("latent for r = %s", r).isCloseTo(expected, within(0.015));
    }
  }

  /**
   * Log-normal margins of log-sds 0.3 and 2 cannot reach r = -0.5 (the lowest is about -0.2 at ρ =
   * -1): the nearest ρ, the bisection's lower end, is kept.
   */
  @Test
  void aCorrelationOutOfReachGetsTheNearestLatentOne() {
    UniformRandomProvider rng = Seed.of(3).rng();
    int n = 500;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = -i + 50 * rng.nextDouble();
    }
    Table t = Table.builder().numeric("x", x).numeric("y", y).build();
    assertThat(target(t)).isLessThan(-0.9);
    double rho = latent(t, new Distribution.LogNormal(0, 0.3), new Distribution.LogNormal(0, 2));
    assertThat(rho).isCloseTo(-0.9999, within(1e-3));
  }

  /** A pair with a constant column has no correlation to match: the given entry is left alone. */
  @Test
  void aConstantColumnLeavesTheEntryAlone() {
    Table t = Table.builder().numeric("x", 1, 2, 3, 4).numeric("y", 7, 7, 7, 7).build();
    double[][] r = {{1, 0.25}, {0.25, 1}};
    Fitting.matchPearson(
        r,
        t,
        new NumericTables[] {
          new NumericTables(ColumnModel.Numeric.of("x", new Distribution.Uniform(1, 4))),
          new NumericTables(ColumnModel.Numeric.of("y", new Distribution.Constant(7)))
        });
    assertThat(r[1][0]).isEqualTo(0.25);
    assertThat(r[0][1]).isEqualTo(0.25);
  }
}
