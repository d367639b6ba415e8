package dev.gauntlet.generators.stat;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A numeric column's quantile function tabulated once, so sampling a cell is a table lookup:
 *
 * <ul>
 *   <li>{@code fromUniform(u)} reads Q at {@value #U_INTERVALS} equal steps of u in [0, 1];
 *   <li>{@code fromNormal(z)} reads Q(Φ(z)) at {@value #Z_INTERVALS} equal steps of z in [-{@value
 *       #Z_MAX}, {@value #Z_MAX}] (the Gaussian copula's latent scale).
 * </ul>
 *
 * Both interpolate linearly; Q is evaluated at the 4,097 u points only, and the z table is read off
 * the u table. Interpolation error: between two grid points the value lies between Q at those
 * points, so the CDF of what is drawn differs from the exact CDF by at most the probability between
 * two grid points: 1 / {@value #U_INTERVALS} ≈ 0.00024 from uniforms; from normal scores that plus
 * step × φ(0) = 17 / {@value #Z_INTERVALS} / √(2π) ≈ 0.00083, so 0.0011 (the mass beyond ±8.5,
 * 2e-17, goes to the ends). An unbounded tail is cut at the 1e-9 quantile. That bounds the KS
 * distance the tables add; it is far below the sampling noise of any table of fewer than a million
 * rows. A normal column is not tabulated at all: it is {@code mean + sd × z}, clamped to its
 * bounds.
 */
final class NumericTables {
  static final int U_INTERVALS = 4096;
  static final int Z_INTERVALS = 8192;
  static final double Z_MAX = 8.5;
  static final double TAIL = 1e-9;
  private static final double Z_SCALE = Z_INTERVALS / (2 * Z_MAX);

  private final double[] uTable;
  private final double[] zTable;
  final double lo;
  final double hi;

  /** mean + sd × z, clamped and rounded: no table. */
  final boolean affine;

  final double mean;
  final double sd;
  private final boolean round;
  private final double scale;
  final double missingRate;

  NumericTables(ColumnModel.Numeric m) {
    this.lo = m.min() == null ? Double.NEGATIVE_INFINITY : m.min();
    this.hi = m.max() == null ? Double.POSITIVE_INFINITY : m.max();
    this.missingRate = m.missingRate();
    // counts are whole numbers even when no decimals are given
    this.round = m.decimals() != null || m.distribution() instanceof Distribution.Poisson;
    this.scale = m.decimals() != null ? Math.pow(10, m.decimals()) : 1;
    if (m.distribution() instanceof Distribution.Normal n) {
      affine = true;
      mean = n.mean();
      sd = n.sd();
      uTable = null;
      zTable = null;
    } else {
      affine = false;
      mean = Double.NaN;
      sd = Double.NaN;
      Distribution d = m.distribution();
      uTable = new double[U_INTERVALS + 1];
      for (int i = 0; i <= U_INTERVALS; i++) {
        double q = d.quantile((double) i / U_INTERVALS);
        if (Double.isInfinite(q)) {
          // an unbounded tail ends at the 1e-9 (or 1 - 1e-9) quantile: adds 1e-9 to the bound
          q = d.quantile(i == 0 ? TAIL : 1 - TAIL);
        }
        uTable[i] = clamp(q);
      }
      // read off the u table: a parametric quantile (root finding for gamma and beta) costs
      // ~100x a lookup, and the u table is already within 1/4096 of it
      NormalDistribution phi = NormalDistribution.of(0, 1);
      zTable = new double[Z_INTERVALS + 1];
      for (int i = 0; i <= Z_INTERVALS; i++) {
        zTable[i] = fromUniformUnrounded(phi.cumulativeProbability(-Z_MAX + i / Z_SCALE));
      }
      checkFinite(m.name(), uTable);
      checkFinite(m.name(), zTable);
    }
  }

  private static void checkFinite(String name, double[] table) {
    for (double v : table) {
      if (!Double.isFinite(v)) {
        throw new FieldException(
            "distribution",
            "parameters whose quantiles for column "
                + UserInputException.quote(name)
                + " are not finite numbers",
            "parameters that give finite values (between the column's min and max when given)",
            "use smaller parameters, or bound the column with min and max");
      }
    }
  }

  private double clamp(double x) {
    return x < lo ? lo : x > hi ? hi : x;
  }

  /** Clamps and rounds a drawn value. */
  double finish(double x) {
    x = x < lo ? lo : x > hi ? hi : x;
    return round ? Math.rint(x * scale) / scale : x;
  }

  double fromUniform(double u) {
    if (affine) {
      throw new IllegalStateException("an affine column reads normal scores");
    }
    return finish(fromUniformUnrounded(u));
  }

  private double fromUniformUnrounded(double u) {
    double p = u * U_INTERVALS;
    int i = (int) p;
    if (i >= U_INTERVALS) {
      return uTable[U_INTERVALS];
    }
    double a = uTable[i];
    return a + (p - i) * (uTable[i + 1] - a);
  }

  double fromNormal(double z) {
    if (affine) {
      return finish(mean + sd * z);
    }
    double p = (z + Z_MAX) * Z_SCALE;
    if (!(p > 0)) {
      return finish(zTable[0]);
    }
    int i = (int) p;
    if (i >= Z_INTERVALS) {
      return finish(zTable[Z_INTERVALS]);
    }
    double a = zTable[i];
    return finish(a + (p - i) * (zTable[i + 1] - a));
  }

  /** Fills {@code out} from normal scores in place. */
  void fromNormal(double[] zs, int rows) {
    if (affine) {
      for (int r = 0; r < rows; r++) {
        zs[r] = finish(mean + sd * zs[r]);
      }
    } else {
      for (int r = 0; r < rows; r++) {
        zs[r] = fromNormal(zs[r]);
      }
    }
  }
}
