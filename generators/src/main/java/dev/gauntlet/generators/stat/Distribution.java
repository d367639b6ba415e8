package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gauntlet.FieldException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * A univariate distribution of a numeric column, by its quantile function and CDF (Commons
 * Statistics underneath). Used at set-up time only: a {@link NumericModel} tabulates the quantile
 * function once, and sampling reads the table (inverting a parametric CDF per cell costs ~100× a
 * table lookup). In JSON the {@code family} key names the record, e.g. {@code {"family": "gamma",
 * "shape": 2, "scale": 3, "loc": 0}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Distribution.Normal.class, name = "normal"),
  @JsonSubTypes.Type(value = Distribution.LogNormal.class, name = "log-normal"),
  @JsonSubTypes.Type(value = Distribution.Gamma.class, name = "gamma"),
  @JsonSubTypes.Type(value = Distribution.Beta.class, name = "beta"),
  @JsonSubTypes.Type(value = Distribution.Uniform.class, name = "uniform"),
  @JsonSubTypes.Type(value = Distribution.TruncatedNormal.class, name = "truncated-normal"),
  @JsonSubTypes.Type(value = Distribution.Exponential.class, name = "exponential"),
  @JsonSubTypes.Type(value = Distribution.Poisson.class, name = "poisson"),
  @JsonSubTypes.Type(value = Distribution.Mixture.class, name = "mixture"),
  @JsonSubTypes.Type(value = Distribution.Empirical.class, name = "empirical"),
  @JsonSubTypes.Type(value = Distribution.Constant.class, name = "constant"),
  @JsonSubTypes.Type(value = Distribution.Truncated.class, name = "truncated")
})
public sealed interface Distribution {

  /** The smallest x with {@code cdf(x) >= p}, for p in [0, 1] (may be infinite at 0 and 1). */
  double quantile(double p);

  /** P(X <= x). */
  double cdf(double x);

  /** The family's name in files, e.g. {@code log-normal}. */
  @JsonIgnore
  default String family() {
    JsonSubTypes.Type[] types = Distribution.class.getAnnotation(JsonSubTypes.class).value();
    for (JsonSubTypes.Type t : types) {
      if (t.value() == getClass()) {
        return t.name();
      }
    }
    throw new IllegalStateException("no family name for " + getClass());
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new FieldException(key, number(v), "a number above 0");
    }
  }

  private static void finite(String key, double v) {
    if (!Double.isFinite(v)) {
      throw new FieldException(key, number(v), "a finite number");
    }
  }

  private static void above(double lower, double upper) {
    if (!(upper > lower)) {
      throw new FieldException("upper", number(upper), "a number above lower (" + lower + ")");
    }
  }

  /** A number as written in JSON: whole numbers without ".0". */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Normal with a mean and a standard deviation. */
  record Normal(double mean, double sd) implements Distribution {
    public Normal {
      finite("mean", mean);
      positive("sd", sd);
    }

    @Override
    public double quantile(double p) {
      return NormalDistribution.of(mean, sd).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return NormalDistribution.of(mean, sd).cumulativeProbability(x);
    }
  }

  /** exp(N(mu, sigma)). */
  record LogNormal(double mu, double sigma) implements Distribution {
    public LogNormal {
      finite("mu", mu);
      positive("sigma", sigma);
    }

    @Override
    public double quantile(double p) {
      return LogNormalDistribution.of(mu, sigma).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return LogNormalDistribution.of(mu, sigma).cumulativeProbability(x);
    }
  }

  /** loc + Gamma(shape, scale). */
  record Gamma(double shape, double scale, double loc) implements Distribution {
    public Gamma {
      positive("shape", shape);
      positive("scale", scale);
      finite("loc", loc);
    }

    @Override
    public double quantile(double p) {
      return loc + GammaDistribution.of(shape, scale).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return GammaDistribution.of(shape, scale).cumulativeProbability(x - loc);
    }
  }

  /** Beta(alpha, beta) stretched onto [lower, upper]. */
  record Beta(double alpha, double beta, double lower, double upper) implements Distribution {
    public Beta {
      positive("alpha", alpha);
      positive("beta", beta);
      finite("lower", lower);
      finite("upper", upper);
      above(lower, upper);
    }

    @Override
    public double quantile(double p) {
      return lower
          + (upper - lower) * BetaDistribution.of(alpha, beta).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return BetaDistribution.of(alpha, beta)
          .cumulativeProbability(Math.min(1, Math.max(0, (x - lower) / (upper - lower))));
    }
  }

  /** Uniform on [lower, upper]. */
  record Uniform(double lower, double upper) implements Distribution {
    public Uniform {
      finite("lower", lower);
      finite("upper", upper);
      above(lower, upper);
    }

    @Override
    public double quantile(double p) {
      return UniformContinuousDistribution.of(lower, upper).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return UniformContinuousDistribution.of(lower, upper).cumulativeProbability(x);
    }
  }

  /** Normal(mean, sd) conditioned on [lower, upper]. */
  record TruncatedNormal(double mean, double sd, double lower, double upper)
      implements Distribution {
    public TruncatedNormal {
      finite("mean", mean);
      positive("sd", sd);
      if (Double.isNaN(lower)) {
        throw new FieldException("lower", number(lower), "a number");
      }
      above(lower, upper);
    }

    @Override
    public double quantile(double p) {
      return TruncatedNormalDistribution.of(mean, sd, lower, upper).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return TruncatedNormalDistribution.of(mean, sd, lower, upper).cumulativeProbability(x);
    }
  }

  /** Exponential with a mean. */
  record Exponential(double mean) implements Distribution {
    public Exponential {
      positive("mean", mean);
    }

    @Override
    public double quantile(double p) {
      return ExponentialDistribution.of(mean).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return ExponentialDistribution.of(mean).cumulativeProbability(x);
    }
  }

  /** Poisson counts with a mean. */
  record Poisson(double mean) implements Distribution {
    public Poisson {
      positive("mean", mean);
    }

    /** Whole counts; +∞ at 1 (Commons Statistics answers Integer.MAX_VALUE there). */
    @Override
    public double quantile(double p) {
      return p >= 1
          ? Double.POSITIVE_INFINITY
          : PoissonDistribution.of(mean).inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(double x) {
      return x < 0 ? 0 : PoissonDistribution.of(mean).cumulativeProbability((int) Math.floor(x));
    }
  }

  /** A mixture: part i with probability weights[i] / sum(weights). */
  record Mixture(List<Distribution> parts, double[] weights) implements Distribution {
    public Mixture {
      if (parts == null || parts.isEmpty()) {
        throw new FieldException(
            "parts", parts == null ? "nothing" : "an empty list", "a list of distributions");
      }
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i) == null) {
          throw new FieldException(
              List.of("parts", i), "null", "a distribution {\"family\": ...}", null);
        }
      }
      parts = List.copyOf(parts);
      if (weights == null || parts.size() != weights.length) {
        throw new FieldException(
            "weights",
            weights == null
                ? "nothing"
                : weights.length + " weights for " + parts.size() + " parts",
            "one weight per part");
      }
      weights = weights.clone();
      double sum = 0;
      for (int i = 0; i < weights.length; i++) {
        double w = weights[i];
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new FieldException(List.of("weights", i), number(w), "a weight >= 0", null);
        }
        sum += w;
      }
      if (!(sum > 0)) {
        throw new FieldException("weights", "weights that sum to 0", "a weight above 0");
      }
      for (int i = 0; i < weights.length; i++) {
        weights[i] /= sum;
      }
    }

    @Override
    public double cdf(double x) {
      double c = 0;
      for (int i = 0; i < weights.length; i++) {
        c += weights[i] * parts.get(i).cdf(x);
      }
      return c;
    }

    /** By bisection on the CDF between the parts' own quantiles (the mixture's lies between). */
    @Override
    public double quantile(double p) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < weights.length; i++) {
        if (weights[i] > 0) {
          double q = parts.get(i).quantile(p);
          lo = Math.min(lo, q);
          hi = Math.max(hi, q);
        }
      }
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        return p <= 0.5 ? lo : hi;
      }
      for (int it = 0; it < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); it++) {
        double mid = 0.5 * (lo + hi);
        if (cdf(mid) >= p) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return hi;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Mixture m && m.parts.equals(parts) && Arrays.equals(m.weights, weights);
    }

    @Override
    public int hashCode() {
      return 31 * parts.hashCode() + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
      return "Mixture[parts=" + parts + ", weights=" + Arrays.toString(weights) + "]";
    }
  }

  /**
   * A sample's quantile function, given at {@code quantiles.length} equally spaced probabilities
   * from 0 to 1 and linear in between.
   */
  record Empirical(double[] quantiles) implements Distribution {
    public Empirical {
      if (quantiles == null || quantiles.length < 2) {
        throw new FieldException(
            "quantiles",
            quantiles == null ? "nothing" : quantiles.length + " values",
            "a list of at least 2 quantiles");
      }
      quantiles = quantiles.clone();
      for (int i = 0; i < quantiles.length; i++) {
        if (!Double.isFinite(quantiles[i])) {
          throw new FieldException(
              List.of("quantiles", i), number(quantiles[i]), "a finite number", null);
        }
        if (i > 0 && !(quantiles[i] >= quantiles[i - 1])) {
          throw new FieldException(
              List.of("quantiles", i),
              number(quantiles[i]),
              "a number >= the one before it (" + quantiles[i - 1] + ")",
              null);
        }
      }
    }

    /** The quantile function of a sorted sample (numpy's linear interpolation) at k + 1 points. */
    public static Empirical ofSorted(double[] sorted, int k) {
      double[] q = new double[k + 1];
      for (int i = 0; i <= k; i++) {
        q[i] = interpolate(sorted, (double) i / k);
      }
      return new Empirical(q);
    }

    private static double interpolate(double[] table, double p) {
      double pos = p * (table.length - 1);
      int i = (int) Math.floor(pos);
      if (i >= table.length - 1) {
        return table[table.length - 1];
      }
      return table[i] + (pos - i) * (table[i + 1] - table[i]);
    }

    @Override
    public double quantile(double p) {
      return interpolate(quantiles, p);
    }

    @Override
    public double cdf(double x) {
      int n = quantiles.length - 1;
      if (x < quantiles[0]) {
        return 0;
      }
      if (x >= quantiles[n]) {
        return 1;
      }
      int lo = 0;
      int hi = n;
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (quantiles[mid] <= x) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      double width = quantiles[hi] - quantiles[lo];
      double f = width > 0 ? (x - quantiles[lo]) / width : 1;
      return (lo + f) / n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Empirical e && Arrays.equals(e.quantiles, quantiles);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(quantiles);
    }

    @Override
    public String toString() {
      return "Empirical[" + quantiles.length + " quantiles]";
    }
  }

  /** Always one value. */
  record Constant(double value) implements Distribution {
    public Constant {
      finite("value", value);
    }

    @Override
    public double quantile(double p) {
      return value;
    }

    @Override
    public double cdf(double x) {
      return x >= value ? 1 : 0;
    }
  }

  /**
   * {@code base} conditioned on [lower, upper]: its quantile function on the probabilities between
   * F(lower) and F(upper). How range and positivity constraints are kept by transformation.
   */
  record Truncated(Distribution base, double lower, double upper) implements Distribution {
    public Truncated {
      if (base == null) {
        throw new FieldException("base", "nothing", "a distribution {\"family\": ...}");
      }
      if (!(upper >= lower)) {
        throw new FieldException("upper", number(upper), "a number >= lower (" + lower + ")");
      }
      if (!(mass(base, lower, upper) > 0)) {
        throw new FieldException(
            "upper",
            number(upper) + ", leaving no probability within [" + lower + ", " + upper + "]",
            "a range [lower, upper] where the base distribution has some probability");
      }
    }

    private static double below(Distribution base, double lower) {
      return Double.isInfinite(lower) ? 0 : base.cdf(Math.nextDown(lower));
    }

    private static double mass(Distribution base, double lower, double upper) {
      return (Double.isInfinite(upper) ? 1 : base.cdf(upper)) - below(base, lower);
    }

    @Override
    public double quantile(double p) {
      double from = below(base, lower);
      double q = base.quantile(from + p * mass(base, lower, upper));
      return Math.max(lower, Math.min(upper, q));
    }

    @Override
    public double cdf(double x) {
      if (x < lower) {
        return 0;
      }
      if (x >= upper) {
        return 1;
      }
      return (base.cdf(x) - below(base, lower)) / mass(base, lower, upper);
    }
  }
}
