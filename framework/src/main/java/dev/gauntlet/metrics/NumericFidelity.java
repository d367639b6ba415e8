package dev.gauntlet.metrics;

/**
 * How a synthetic numeric column compares with the real one. Missing values are dropped first.
 *
 * @param nReal present real values
 * @param nSynthetic present synthetic values
 * @param ks two-sample Kolmogorov-Smirnov test
 * @param wasserstein Wasserstein-1 distance, in the column's unit
 * @param psi population stability index, real as reference
 * @param meanReal mean of the real values
 * @param meanSynthetic mean of the synthetic values
 * @param stdReal sample standard deviation (ddof 1) of the real values
 * @param stdSynthetic sample standard deviation (ddof 1) of the synthetic values
 */
public record NumericFidelity(
    int nReal,
    int nSynthetic,
    KsTest ks,
    double wasserstein,
    Psi psi,
    double meanReal,
    double meanSynthetic,
    double stdReal,
    double stdSynthetic)
    implements ColumnFidelity {

  public static NumericFidelity of(double[] real, double[] synthetic) {
    double[] a = Samples.present(real);
    double[] b = Samples.present(synthetic);
    return new NumericFidelity(
        a.length,
        b.length,
        KsTest.of(a, b),
        Distances.wasserstein(a, b),
        Psi.numeric(a, b),
        a.length == 0 ? Double.NaN : Samples.mean(a),
        b.length == 0 ? Double.NaN : Samples.mean(b),
        Samples.std(a),
        Samples.std(b));
  }

  /** 1 - KS statistic: SDMetrics' KSComplement column-shape score. */
  @Override
  public double shapeScore() {
    return 1 - ks.statistic();
  }
}
