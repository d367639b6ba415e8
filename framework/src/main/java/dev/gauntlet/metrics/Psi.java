package dev.gauntlet.metrics;

/**
 * The Population Stability Index of a current sample against a reference, in natural log: {@code
 * sum_b (q_b - p_b) ln(q_b / p_b)}, proportions below 1e-4 raised to 1e-4 (no renormalisation).
 *
 * <p>Numeric bins: the reference's deciles (numpy's default "linear" quantiles), duplicates merged,
 * right-closed: {@code (-inf, e1], (e1, e2], ..., (em, +inf)}. Categorical bins: the categories.
 *
 * @param value the index
 * @param edges the inner cut points (numeric only; empty for categories)
 * @param countsReference reference counts per bin
 * @param countsCurrent current counts per bin
 */
public record Psi(double value, double[] edges, long[] countsReference, long[] countsCurrent) {
  public static final double EPSILON = 1e-4;
  public static final int BINS = 10;

  /** PSI of two numeric samples; NaN dropped; NaN when a side is empty. */
  public static Psi numeric(double[] reference, double[] current) {
    double[] ref = Samples.present(reference);
    double[] cur = Samples.present(current);
    if (ref.length == 0 || cur.length == 0) {
      return new Psi(Double.NaN, new double[0], new long[0], new long[0]);
    }
    double[] edges = Quantiles.cuts(ref, BINS);
    long[] cr = new long[edges.length + 1];
    long[] cc = new long[edges.length + 1];
    for (double v : ref) {
      cr[Quantiles.bin(edges, v)]++;
    }
    for (double v : cur) {
      cc[Quantiles.bin(edges, v)]++;
    }
    return new Psi(index(cr, cc), edges, cr, cc);
  }

  /** PSI over categories, given counts per category on each side. */
  public static Psi categorical(long[] reference, long[] current) {
    return new Psi(index(reference, current), new double[0], reference.clone(), current.clone());
  }

  private static double index(long[] reference, long[] current) {
    double[] p = Distances.proportions(reference);
    double[] q = Distances.proportions(current);
    double s = 0;
    for (int b = 0; b < p.length; b++) {
      double pb = Math.max(p[b], EPSILON);
      double qb = Math.max(q[b], EPSILON);
      s += (qb - pb) * Math.log(qb / pb);
    }
    return s;
  }
}
