package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The tabulated quantile function that sampling reads: exact at the grid, linear between, tails cut
 * at the documented 1e-9 quantile, then clamped to the column's range and rounded to its decimals
 * (counts to whole numbers).
 */
class NumericTablesTest {
  static final int K = NumericTables.U_INTERVALS;

  @Test
  void theUniformTableIsTheQuantileFunctionAtTheGridAndLinearBetween() {
    Distribution gamma = new Distribution.Gamma(2, 3, 1);
    NumericTables t = new NumericTables(ColumnModel.Numeric.of("x", gamma));
    for (int i : new int[] {0, 1, 100, 2048, 4000, K - 1}) {
      assertThat(t.fromUniform((double) i / K)).isEqualTo(gamma.quantile((double) i / K));
    }
    double a = gamma.quantile(100.0 / K);
    double b = gamma.quantile(101.0 / K);
    assertThat(t.fromUniform(100.25 / K)).isCloseTo(a + 0.25 * (b - a), within(1e-12));
    // an unbounded upper tail ends at the 1 - 1e-9 quantile
    assertThat(t.fromUniform(1)).isEqualTo(gamma.quantile(1 - NumericTables.TAIL));
    assertThat(t.affine).isFalse();
  }

  @Test
  void anUnboundedLowerTailEndsAtTheTailQuantile() {
    Distribution mixture =
        new Distribution.Mixture(
            java.util.List.of(new Distribution.Normal(0, 1), new Distribution.Normal(4, 1)),
            new double[] {1, 1});
    NumericTables t = new NumericTables(ColumnModel.Numeric.of("x", mixture));
    assertThat(t.fromUniform(0)).isEqualTo(mixture.quantile(NumericTables.TAIL));
    // and the normal-score table's end cells read the same ends (at u = Φ(∓8.5), 1e-17 from them)
    double lowest = t.fromNormal(-NumericTables.Z_MAX - 1);
    assertThat(lowest).isCloseTo(t.fromUniform(0), within(1e-9));
    assertThat(t.fromNormal(Double.NaN)).isEqualTo(lowest);
    assertThat(t.fromNormal(NumericTables.Z_MAX + 1)).isCloseTo(t.fromUniform(1), within(1e-9));
  }

  /**
   * From a normal score z the table gives Q(Φ(z)) within the documented bound: the CDF of the
   * result is Φ(z) within 0.0011 (here Q is a uniform's, so the CDF is the value itself).
   */
  @Test
  void theNormalScoreTableReadsTheQuantileAtPhiOfZ() {
    NumericTables t =
        new NumericTables(ColumnModel.Numeric.of("x", new Distribution.Uniform(0, 1)));
    NormalDistribution phi = NormalDistribution.of(0, 1);
    for (double z : new double[] {-3.1, -1, -0.2, 0, 0.7, 2.5}) {
      assertThat(t.fromNormal(z))
          .as("z = %s", z)
          .isCloseTo(phi.cumulativeProbability(z), within(0.0011));
    }
    double[] zs = {-1, 0, 2.5};
    t.fromNormal(zs, 2);
    assertThat(zs[0]).isEqualTo(t.fromNormal(-1));
    assertThat(zs[1]).isEqualTo(t.fromNormal(0));
    assertThat(zs[2]).as("beyond the rows asked for").isEqualTo(2.5);
  }

  @Test
  void aNormalColumnIsMeanPlusSdTimesZClampedAndRounded() {
    ColumnModel.Numeric m =
        ColumnModel.Numeric.of("x", new Distribution.Normal(10, 2))
            .withBounds(7.0, 13.0)
            .withDecimals(1)
            .withMissingRate(0.25);
    NumericTables t = new NumericTables(m);
    assertThat(t.affine).isTrue();
    assertThat(t.missingRate).isEqualTo(0.25);
    assertThat(t.fromNormal(0.52)).isEqualTo(11.0);
    assertThat(t.fromNormal(-0.52)).isEqualTo(9.0);
    assertThat(t.fromNormal(5)).isEqualTo(13.0);
    assertThat(t.fromNormal(-5)).isEqualTo(7.0);
    double[] zs = {0.26, -9};
    t.fromNormal(zs, 2);
    assertThat(zs).containsExactly(10.5, 7.0);
    assertThatThrownBy(() -> t.fromUniform(0.5)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void countsAreWholeNumbersWithoutDecimalsAndRangesClampTheTable() {
    NumericTables counts =
        new NumericTables(ColumnModel.Numeric.of("n", new Distribution.Poisson(3.7)));
    for (double u = 0; u <= 1; u += 0.001) {
      double v = counts.fromUniform(u);
      assertThat(v).as("u = %s", u).isEqualTo(Math.rint(v));
    }
    NumericTables bounded =
        new NumericTables(
            ColumnModel.Numeric.of("x", new Distribution.Uniform(0, 10)).withBounds(2.0, 8.0));
    assertThat(bounded.lo).isEqualTo(2.0);
    assertThat(bounded.hi).isEqualTo(8.0);
    assertThat(bounded.fromUniform(0)).isEqualTo(2.0);
    assertThat(bounded.fromUniform(0.5)).isEqualTo(5.0);
    assertThat(bounded.fromUniform(1)).isEqualTo(8.0);
    NumericTables open =
        new NumericTables(ColumnModel.Numeric.of("x", new Distribution.Uniform(0, 10)));
    assertThat(open.lo).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(open.hi).isEqualTo(Double.POSITIVE_INFINITY);
    // unrounded without decimals
    assertThat(open.fromUniform(0.123)).isCloseTo(1.23, within(1e-12));
  }
}
