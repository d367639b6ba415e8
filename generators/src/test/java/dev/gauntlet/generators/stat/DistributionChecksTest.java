package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.FieldException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every family's parameter checks at their edges: the first value refused and the last accepted,
 * each refusal naming the parameter, what was found and what was expected (a world spec or an
 * edited model file reports these with the file's path in front).
 */
class DistributionChecksTest {

  static void refused(Runnable make, String path, String found, String expected) {
    FieldException e = catchThrowableOfType(make::run, FieldException.class);
    assertThat(e).as("refused at %s", path).isNotNull();
    assertThat(e.pathText()).isEqualTo(path);
    assertThat(e.found()).isEqualTo(found);
    assertThat(e.expected()).isEqualTo(expected);
  }

  static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void scalesMustBePositiveAndFinite() {
    refused(() -> new Distribution.Normal(0, 0), "sd", "0", "a number above 0");
    refused(() -> new Distribution.Normal(0, -1), "sd", "-1", "a number above 0");
    refused(() -> new Distribution.Normal(0, INF), "sd", "Infinity", "a number above 0");
    refused(() -> new Distribution.Normal(0, Double.NaN), "sd", "NaN", "a number above 0");
    refused(() -> new Distribution.LogNormal(0, 0), "sigma", "0", "a number above 0");
    refused(() -> new Distribution.Gamma(0, 1, 0), "shape", "0", "a number above 0");
    refused(() -> new Distribution.Gamma(1, 0, 0), "scale", "0", "a number above 0");
    refused(() -> new Distribution.Beta(0, 1, 0, 1), "alpha", "0", "a number above 0");
    refused(() -> new Distribution.Beta(1, 0, 0, 1), "beta", "0", "a number above 0");
    refused(() -> new Distribution.Exponential(0), "mean", "0", "a number above 0");
    refused(() -> new Distribution.Poisson(0), "mean", "0", "a number above 0");
    refused(() -> new Distribution.TruncatedNormal(0, 0, -1, 1), "sd", "0", "a number above 0");
    assertThatCode(() -> new Distribution.Normal(0, Double.MIN_VALUE)).doesNotThrowAnyException();
  }

  @Test
  void locationsMustBeFinite() {
    refused(() -> new Distribution.Normal(INF, 1), "mean", "Infinity", "a finite number");
    refused(() -> new Distribution.Normal(Double.NaN, 1), "mean", "NaN", "a finite number");
    refused(() -> new Distribution.LogNormal(-INF, 1), "mu", "-Infinity", "a finite number");
    refused(() -> new Distribution.Gamma(1, 1, INF), "loc", "Infinity", "a finite number");
    refused(() -> new Distribution.Beta(1, 1, -INF, 1), "lower", "-Infinity", "a finite number");
    refused(() -> new Distribution.Beta(1, 1, 0, INF), "upper", "Infinity", "a finite number");
    refused(() -> new Distribution.Uniform(-INF, 1), "lower", "-Infinity", "a finite number");
    refused(() -> new Distribution.Uniform(0, INF), "upper", "Infinity", "a finite number");
    refused(
        () -> new Distribution.TruncatedNormal(INF, 1, 0, 1),
        "mean",
        "Infinity",
        "a finite number");
    refused(() -> new Distribution.Constant(INF), "value", "Infinity", "a finite number");
  }

  @Test
  void rangesMustBeOpenIntervals() {
    refused(() -> new Distribution.Uniform(2, 2), "upper", "2", "a number above lower (2.0)");
    refused(() -> new Distribution.Uniform(2, 1.5), "upper", "1.5", "a number above lower (2.0)");
    refused(() -> new Distribution.Beta(1, 1, 3, 3), "upper", "3", "a number above lower (3.0)");
    refused(
        () -> new Distribution.TruncatedNormal(0, 1, 1, 1),
        "upper",
        "1",
        "a number above lower (1.0)");
    refused(
        () -> new Distribution.TruncatedNormal(0, 1, Double.NaN, 1), "lower", "NaN", "a number");
    // a truncated normal may be open-ended on either side
    assertThatCode(() -> new Distribution.TruncatedNormal(0, 1, -INF, INF))
        .doesNotThrowAnyException();
    assertThatCode(() -> new Distribution.Uniform(0, Math.ulp(0.0))).doesNotThrowAnyException();
  }

  @Test
  void aTruncationMustKeepSomeProbability() {
    Distribution normal = new Distribution.Normal(0, 1);
    refused(
        () -> new Distribution.Truncated(null, 0, 1),
        "base",
        "nothing",
        "a distribution {\"family\": ...}");
    refused(
        () -> new Distribution.Truncated(normal, 1, 0.5),
        "upper",
        "0.5",
        "a number >= lower (1.0)");
    refused(
        () -> new Distribution.Truncated(normal, 1, 1),
        "upper",
        "1, leaving no probability within [1.0, 1.0]",
        "a range [lower, upper] where the base distribution has some probability");
    // a point of a count distribution has probability: Poisson(3.7) at 3
    Distribution.Truncated point = new Distribution.Truncated(new Distribution.Poisson(3.7), 3, 3);
    assertThat(point.quantile(0)).isEqualTo(3);
    assertThat(point.quantile(1)).isEqualTo(3);
    assertThat(point.cdf(2.99)).isZero();
    assertThat(point.cdf(3)).isEqualTo(1);
  }

  @Test
  void mixtureWeightsAreOnePerPartNonNegativeAndNotAllZero() {
    List<Distribution> two = List.of(new Distribution.Normal(0, 1), new Distribution.Normal(5, 1));
    refused(
        () -> new Distribution.Mixture(null, new double[] {1}),
        "parts",
        "nothing",
        "a list of distributions");
    refused(
        () -> new Distribution.Mixture(List.of(), new double[] {}),
        "parts",
        "an empty list",
        "a list of distributions");
    refused(
        () ->
            new Distribution.Mixture(
                java.util.Arrays.asList(new Distribution.Normal(0, 1), null), new double[] {1, 1}),
        "parts[1]",
        "null",
        "a distribution {\"family\": ...}");
    refused(() -> new Distribution.Mixture(two, null), "weights", "nothing", "one weight per part");
    refused(
        () -> new Distribution.Mixture(two, new double[] {1}),
        "weights",
        "1 weights for 2 parts",
        "one weight per part");
    refused(
        () -> new Distribution.Mixture(two, new double[] {1, -0.5}),
        "weights[1]",
        "-0.5",
        "a weight >= 0");
    refused(
        () -> new Distribution.Mixture(two, new double[] {INF, 1}),
        "weights[0]",
        "Infinity",
        "a weight >= 0");
    refused(
        () -> new Distribution.Mixture(two, new double[] {0, 0}),
        "weights",
        "weights that sum to 0",
        "a weight above 0");
    // a zero weight is allowed, and its part plays no role
    Distribution.Mixture one = new Distribution.Mixture(two, new double[] {0, 2});
    assertThat(one.weights()).containsExactly(0, 1);
    assertThat(one.quantile(0.5)).isEqualTo(5);
    assertThat(one.cdf(5)).isEqualTo(0.5);
  }

  @Test
  void theMixturesOpenEndsAreInfinite() {
    Distribution.Mixture m =
        new Distribution.Mixture(
            List.of(new Distribution.Normal(0, 1), new Distribution.Uniform(2, 3)),
            new double[] {1, 1});
    assertThat(m.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(m.quantile(1)).isEqualTo(INF);
  }

  @Test
  void empiricalQuantilesAreAtLeastTwoFiniteAndNonDecreasing() {
    refused(
        () -> new Distribution.Empirical(null),
        "quantiles",
        "nothing",
        "a list of at least 2 quantiles");
    refused(
        () -> new Distribution.Empirical(new double[] {1}),
        "quantiles",
        "1 values",
        "a list of at least 2 quantiles");
    refused(
        () -> new Distribution.Empirical(new double[] {0, Double.NaN}),
        "quantiles[1]",
        "NaN",
        "a finite number");
    refused(
        () -> new Distribution.Empirical(new double[] {0, 2, 1.5}),
        "quantiles[2]",
        "1.5",
        "a number >= the one before it (2.0)");
    // ties are allowed: a step of the CDF
    Distribution.Empirical steps = new Distribution.Empirical(new double[] {0, 1, 1, 2});
    assertThat(steps.cdf(1)).isEqualTo(2.0 / 3);
    assertThat(steps.cdf(Math.nextDown(1.0)))
        .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void poissonQuantileIsInfiniteAtOneAndCdfZeroBelowZero() {
    Distribution.Poisson p = new Distribution.Poisson(2);
    assertThat(p.quantile(1)).isEqualTo(INF);
    assertThat(p.quantile(0)).isZero();
    assertThat(p.cdf(-0.5)).isZero();
  }

  @Test
  void numbersAreWrittenAsInJson() {
    assertThat(Distribution.number(3)).isEqualTo("3");
    assertThat(Distribution.number(-2)).isEqualTo("-2");
    assertThat(Distribution.number(2.5)).isEqualTo("2.5");
    assertThat(Distribution.number(999_999_999_999_999d)).isEqualTo("999999999999999");
    assertThat(Distribution.number(1e15)).isEqualTo("1.0E15");
    assertThat(Distribution.number(-1e15)).isEqualTo("-1.0E15");
    assertThat(Distribution.number(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void everyFamilyHasItsFileName() {
    assertThat(new Distribution.Exponential(1).family()).isEqualTo("exponential");
    assertThat(new Distribution.Truncated(new Distribution.Normal(0, 1), 0, 1).family())
        .isEqualTo("truncated");
    assertThat(new Distribution.TruncatedNormal(0, 1, 0, 1).family()).isEqualTo("truncated-normal");
  }
}
