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
 * @param shapeScore SDMetrics' KSComplement: 1 - the KS statistic after rounding the values to 14
 *     decimals as SDMetrics does (so 0.1 + 0.2 ties with 0.3); NaN when a side is empty
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
    double stdSynthetic,
    double shapeScore)
    implements ColumnFidelity {

  public static NumericFidelity of(double[] real, double[] synthetic) {
    double[] a = Samples.present(real);
    double[] b = Samples.present(synthetic);
    KsTest ks = KsTest.of(a, b);
    return new NumericFidelity(
        a.length,
        b.length,
        ks,
        Distances.wasserstein(a, b),
        Psi.numeric(a, b),
        a.length == 0 ? Double.NaN : Samples.mean(a),
        b.length == 0 ? Double.NaN : Samples.mean(b),
        Samples.std(a),
        Samples.std(b),
        QualityReport.ksComplement(a, b, ks.statistic()));
  }
}
