package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.random.Seed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every family's CDF, quantile function and draws against scipy.stats ({@code
 * fitting_reference.py}): the file names each distribution as a saved model does, so the JSON form
 * is read through the same Jackson types.
 */
class DistributionReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : FittingReferenceTest.reference().get("distributions")) {
      JsonNode spec = c.get("distribution");
      String label = spec.get("family").asText();
      if (spec.has("base")) {
        label += " of " + spec.get("base").get("family").asText();
      }
      out.add(Arguments.of(label, c));
    }
    return out.stream();
  }

  static Distribution distribution(JsonNode c) throws IOException {
    return JSON.treeToValue(c.get("distribution"), Distribution.class);
  }

  /**
   * Commons Statistics and scipy evaluate the same special functions; 1e-12 absolute on a
   * probability is far above their disagreement (about 1e-15) and far below any mistake in a
   * parameter's use.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cdfIsScipys(String label, JsonNode c) throws IOException {
    Distribution d = distribution(c);
    for (JsonNode point : c.get("cdf")) {
      double x = point.get(0).asDouble();
      assertThat(d.cdf(x)).as("cdf(%s)", x).isCloseTo(point.get(1).asDouble(), within(1e-12));
    }
  }

  /**
   * Quantiles within 1e-9 relative: Commons Statistics inverts the gamma and beta CDFs with a
   * solver whose stopping rule is about 1e-14 relative, and the mixture's bisection stops at 1e-12
   * relative; a parameter used wrongly moves a quantile by far more.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void quantileIsScipysPpf(String label, JsonNode c) throws IOException {
    Distribution d = distribution(c);
    for (JsonNode point : c.get("ppf")) {
      double p = point.get(0).asDouble();
      double want = point.get(1).asDouble();
      assertThat(d.quantile(p))
          .as("quantile(%s)", p)
          .isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
    }
  }

  /**
   * The generator draws through a table of the quantile function (4,097 points, linear between):
   * the share of 100,000 seeded draws at or below each pinned point is scipy's cdf there within
   * 0.006. A share's standard deviation is at most 0.5 / √100000 = 0.0016, so 0.006 is 3.8 of them
   * plus the table's interpolation error (at most 1 / 4096 = 0.00024 in probability).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void drawsFollowScipysCdf(String label, JsonNode c) throws IOException {
    ColumnModel.Numeric model = ColumnModel.Numeric.of("x", distribution(c));
    int n = 100_000;
    double[] x =
        new Engine(StatGenerator.schemaOf(List.of(model)), List.of(model), null)
            .sample(n, Seed.of(18))
            .numeric("x")
            .values();
    Arrays.sort(x);
    for (JsonNode point : c.get("cdf")) {
      double at = point.get(0).asDouble();
      int below = upperBound(x, at);
      assertThat((double) below / n)
          .as("share of draws <= %s", at)
          .isCloseTo(point.get(1).asDouble(), within(0.006));
    }
  }

  /** How many sorted values are at most {@code v}. */
  private static int upperBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
