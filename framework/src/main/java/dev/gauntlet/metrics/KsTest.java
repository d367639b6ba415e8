package dev.gauntlet.metrics;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The two-sample Kolmogorov-Smirnov test, two-sided, through Commons Statistics. As scipy's {@code
 * ks_2samp(method="auto")}: the exact p-value when the larger sample has at most 10,000 values,
 * else the asymptotic one. Both agree with scipy 1.10 (see the reference tests).
 *
 * @param statistic the largest distance between the two empirical CDFs
 * @param pValue the p-value of the statistic under equal distributions
 * @param method "exact" or "asymptotic"
 */
public record KsTest(double statistic, double pValue, String method) {
  /** Above this sample size the exact distribution is too slow; scipy uses the same bound. */
  public static final int EXACT_MAX = 10_000;

  /** Tests two samples; missing values (NaN) are dropped. Needs a value on each side. */
  public static KsTest of(double[] a, double[] b) {
    double[] x = Samples.present(a);
    double[] y = Samples.present(b);
    // Commons Statistics sorts copies with Arrays.sort on one thread: 0.16 s of its 0.18 s for 1M
    // vs 1M here. Sorted first (radix, both samples at once), its own sort finds one ascending run
    // and costs almost nothing; statistic and p-value are still all its own.
    Samples.sortBoth(x, y);
    if (x.length == 0 || y.length == 0) {
      return new KsTest(Double.NaN, Double.NaN, "none");
    }
    boolean exact = Math.max(x.length, y.length) <= EXACT_MAX;
    KolmogorovSmirnovTest test =
        KolmogorovSmirnovTest.withDefaults()
            .with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC);
    var result = test.test(x, y);
    return new KsTest(result.getStatistic(), result.getPValue(), exact ? "exact" : "asymptotic");
  }
}
