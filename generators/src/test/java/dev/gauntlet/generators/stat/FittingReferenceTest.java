package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each numeric column's marginal family, parameters and KS statistic against an independent
 * statement in scipy ({@code fitting_reference.py} beside the JSON it wrote): the samples are in
 * the file, so both sides fit the same numbers. The cases cover a normal, a gamma, a heavy-tailed
 * log-normal, a [0, 1] share, a uniform, heavy tails on both sides, whole-number counts, three
 * distinct values, a constant, two decimals with missing cells, five values and a left skew.
 *
 * <p>Tolerances: the parameters are sums over at most 500 values (rounding about 1e-13 relative
 * either way), and Commons Statistics' CDFs agree with scipy's to about 1e-14 at these arguments,
 * so 1e-9 is loose for both; the script checks that the chosen family's statistic is at least
 * 0.0027 below the next one, far beyond that tolerance, so the choice itself is not a coin toss.
 */
class FittingReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TOLERANCE = 1e-9;

  static JsonNode reference() throws IOException {
    try (InputStream in =
        FittingReferenceTest.class.getResourceAsStream("fitting_reference.json")) {
      return JSON.readTree(in);
    }
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : reference().get("fitting")) {
      out.add(Arguments.of(c.get("name").asText(), c));
    }
    return out.stream();
  }

  static double[] values(JsonNode c) {
    JsonNode v = c.get("values");
    double[] x = new double[v.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = v.get(i).isNull() ? Double.NaN : v.get(i).asDouble();
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theModelHasScipysFamilyParametersAndStatistic(String name, JsonNode c) {
    ColumnModel.Numeric m = Fitting.numeric(name, values(c));

    assertThat(m.distribution().family()).isEqualTo(c.get("family").asText());
    assertThat(m.ks()).isCloseTo(c.get("ks").asDouble(), within(TOLERANCE));
    assertThat(m.min()).isEqualTo(c.get("min").asDouble());
    assertThat(m.max()).isEqualTo(c.get("max").asDouble());
    assertThat(m.decimals())
        .isEqualTo(c.get("decimals").isNull() ? null : c.get("decimals").asInt());
    assertThat(m.missingRate()).isCloseTo(c.get("missing_rate").asDouble(), within(1e-12));
    if (c.has("params")) {
      assertParameters(m.distribution(), c.get("params"));
    }
    if (c.has("empirical_quantiles_at")) {
      double[] q = ((Distribution.Empirical) m.distribution()).quantiles();
      assertThat(q).hasSize(NumericTables.U_INTERVALS + 1);
      c.get("empirical_quantiles_at")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(q[Integer.parseInt(e.getKey())])
                      .as("quantile %s", e.getKey())
                      .isCloseTo(e.getValue().asDouble(), within(1e-12)));
    }
    if (c.get("family").asText().equals("constant")) {
      assertThat(((Distribution.Constant) m.distribution()).value())
          .isEqualTo(c.get("min").asDouble());
    }
  }

  /** Every candidate, not just the winner: the order, each fit and each statistic. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyCandidateFitAndStatisticIsScipys(String name, JsonNode c) {
    JsonNode expected = c.get("candidates");
    if (expected.isEmpty()) {
      return; // a constant column has no candidates (asserted by the test above)
    }
    double[] x = Arrays.stream(values(c)).filter(v -> !Double.isNaN(v)).sorted().toArray();
    List<Distribution> fits = Fitting.candidates(x);
    assertThat(fits.stream().map(Distribution::family))
        .containsExactlyElementsOf(
            () -> {
              Iterator<JsonNode> it = expected.iterator();
              return new Iterator<String>() {
                @Override
                public boolean hasNext() {
                  return it.hasNext();
                }

                @Override
                public String next() {
                  return it.next().get("family").asText();
                }
              };
            });
    for (int i = 0; i < fits.size(); i++) {
      assertParameters(fits.get(i), expected.get(i).get("params"));
      assertThat(Fitting.ks(x, fits.get(i)))
          .as("%s KS", fits.get(i).family())
          .isCloseTo(expected.get(i).get("ks").asDouble(), within(TOLERANCE));
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertParameters(Distribution d, JsonNode params) {
    Map<String, Object> actual = JSON.convertValue(d, Map.class);
    params
        .fields()
        .forEachRemaining(
            e -> {
              double want = e.getValue().asDouble();
              assertThat(((Number) actual.get(e.getKey())).doubleValue())
                  .as("%s %s", d.family(), e.getKey())
                  .isCloseTo(want, within(TOLERANCE * Math.max(1, Math.abs(want))));
            });
  }
}
