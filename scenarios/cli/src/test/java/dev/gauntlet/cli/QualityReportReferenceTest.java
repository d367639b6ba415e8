package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.data.TablePair;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.QualityReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SDMetrics' quality report against {@code expected_quality.json} of every reference case, made by
 * {@code quality_report.py} (an independent re-statement of SDMetrics 0.29's QualityReport; see
 * src/test/resources/reference/README.md): the overall score, Column Shapes, Column Pair Trends,
 * the unthresholded (pre-0.27) figures, and every column's and pair's score, within 1e-9, through
 * the library ({@link Fidelity#compare}) and through {@code compare --json}.
 */
class QualityReportReferenceTest {
  private static final Path CASES = Path.of("src", "test", "resources", "reference");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Below SDMetrics' 50,000-row subsampling every figure is exact, up to summation order. */
  private static final double TOLERANCE = 1e-9;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs
          .filter(d -> Files.exists(d.resolve("expected_quality.json")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theLibraryAgreesWithTheReference(String name) throws IOException {
    Map<String, String> sdtypes = sdtypes(name);
    CsvOptions options = CsvOptions.defaults();
    for (Map.Entry<String, String> e : sdtypes.entrySet()) {
      if (!e.getValue().equals("numerical")) {
        // dates are read as text here and parsed below
        options = options.withType(e.getKey(), ColumnType.CATEGORICAL);
      }
    }
    Path dir = CASES.resolve(name);
    TablePair pair =
        TablePair.read(dir.resolve("real.csv"), dir.resolve("synthetic.csv"), options, List.of());
    Table real = withDatesAsNumbers(pair.real(), sdtypes);
    Table synthetic = withDatesAsNumbers(pair.synthetic(), sdtypes);
    for (Map.Entry<String, String> e : sdtypes.entrySet()) {
      boolean continuous = !e.getValue().equals("categorical");
      assertThat(real.column(e.getKey()) instanceof NumericColumn)
          .as(e.getKey() + " read as numbers")
          .isEqualTo(continuous);
    }
    Figures got = Figures.of(Fidelity.compare(real, synthetic));
    assertThat(got.disagreements(expected(name))).as("figures that disagree in " + name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("cases") // dates too: the CSV reader types ISO dates as datetime columns
  void compareJsonAgreesWithTheReference(String name) throws IOException {
    Path dir = CASES.resolve(name);
    List<String> categorical = new ArrayList<>();
    sdtypes(name)
        .forEach(
            (column, sdtype) -> {
              if (sdtype.equals("categorical")) {
                categorical.add(column);
              }
            });
    CliRun r =
        CliRun.of(
            "compare",
            dir.resolve("real.csv").toString(),
            dir.resolve("synthetic.csv").toString(),
            "--categorical",
            String.join(",", categorical),
            "--json",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    Figures got = Figures.of(JSON.readTree(r.out()));
    assertThat(got.disagreements(expected(name))).as("figures that disagree in " + name).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void compareTextShowsTheQualityScoreAndItsTwoParts() throws IOException {
    Path dir = CASES.resolve("iris_noise");
    JsonNode want = expected("iris_noise");
    CliRun r =
        CliRun.of(
            "compare",
            dir.resolve("real.csv").toString(),
            dir.resolve("synthetic.csv").toString(),
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "quality score (SDMetrics 0.29) "
                + CompareCommand.num(want.get("overall").asDouble())
                + System.lineSeparator())
        .contains(
            "  column shapes                "
                + CompareCommand.num(want.get("column_shapes").asDouble())
                + System.lineSeparator())
        .contains(
            "  column pair trends           "
                + CompareCommand.num(want.get("column_pair_trends").asDouble())
                + " (7 of 10 pairs meet the thresholds)");
  }

  /**
   * The date columns as epoch seconds (UTC). SDMetrics compares datetimes as nanoseconds; every
   * figure it takes from them (KS on ranks, Pearson's r, equal-width bins over the range) is the
   * same under a change of unit, so seconds give the same scores.
   */
  private static Table withDatesAsNumbers(Table t, Map<String, String> sdtypes) {
    Table out = t;
    for (Map.Entry<String, String> e : sdtypes.entrySet()) {
      if (e.getValue().equals("datetime")) {
        CategoricalColumn text = t.categorical(e.getKey());
        double[] seconds = new double[text.size()];
        for (int r = 0; r < seconds.length; r++) {
          String v = text.level(r);
          seconds[r] =
              v == null
                  ? Double.NaN
                  : v.contains("T")
                      ? LocalDateTime.parse(v).toEpochSecond(ZoneOffset.UTC)
                      : LocalDate.parse(v).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        out = out.withColumn(ColumnSpec.numeric(e.getKey()), NumericColumn.of(seconds));
      }
    }
    return out;
  }

  private static JsonNode expected(String name) throws IOException {
    return JSON.readTree(CASES.resolve(name).resolve("expected_quality.json").toFile());
  }

  private static Map<String, String> sdtypes(String name) {
    try {
      Map<String, String> out = new LinkedHashMap<>();
      expected(name)
          .get("metadata")
          .get("columns")
          .fields()
          .forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("sdtype").asText()));
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One pair's figures; NaN where undefined (null in JSON). */
  private record PairFigures(
      double score,
      boolean meetsThreshold,
      double realCorrelation,
      double syntheticCorrelation,
      double realAssociation) {}

  /** The quality figures, from the library or from compare's JSON. */
  private record Figures(
      Map<String, Double> summary,
      Map<String, Double> columns,
      Map<List<String>, PairFigures> pairs) {

    static Figures of(Fidelity f) {
      QualityReport q = f.quality();
      Map<String, Double> columns = new LinkedHashMap<>();
      f.columns().forEach((name, c) -> columns.put(name, c.shapeScore()));
      q.columns().forEach((name, c) -> assertThat(c.score()).isEqualTo(columns.get(name)));
      Map<List<String>, PairFigures> pairs = new LinkedHashMap<>();
      for (QualityReport.PairTrend p : q.pairs()) {
        pairs.put(
            List.of(p.first(), p.second()),
            new PairFigures(
                p.score(),
                p.meetsThreshold(),
                p.realCorrelation(),
                p.syntheticCorrelation(),
                p.realAssociation()));
      }
      return new Figures(
          summary(
              q.score(),
              q.columnShapes(),
              q.columnPairTrends(),
              q.scoreUnthresholded(),
              q.columnPairTrendsUnthresholded(),
              f.correlationSimilarity(),
              f.contingencySimilarity()),
          columns,
          pairs);
    }

    static Figures of(JsonNode root) {
      Map<String, Double> columns = new LinkedHashMap<>();
      root.get("columns")
          .fields()
          .forEachRemaining(e -> columns.put(e.getKey(), number(e.getValue(), "shape_score")));
      Map<List<String>, PairFigures> pairs = new LinkedHashMap<>();
      for (JsonNode p : root.get("column_pairs")) {
        pairs.put(
            List.of(p.get("columns").get(0).asText(), p.get("columns").get(1).asText()),
            new PairFigures(
                number(p, "score"),
                p.get("meets_threshold").asBoolean(),
                number(p, "real_correlation"),
                number(p, "synthetic_correlation"),
                number(p, "real_association")));
      }
      return new Figures(
          summary(
              number(root, "quality_score"),
              number(root, "column_shapes"),
              number(root, "column_pair_trends"),
              number(root.get("details"), "quality_score_unthresholded"),
              number(root.get("details"), "column_pair_trends_unthresholded"),
              number(root, "correlation_similarity"),
              number(root, "contingency_similarity")),
          columns,
          pairs);
    }

    private static Map<String, Double> summary(double... v) {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("overall", v[0]);
      out.put("column_shapes", v[1]);
      out.put("column_pair_trends", v[2]);
      out.put("unthresholded.overall", v[3]);
      out.put("unthresholded.column_pair_trends", v[4]);
      out.put("unthresholded.correlation_similarity", v[5]);
      out.put("unthresholded.contingency_similarity", v[6]);
      return out;
    }

    List<String> disagreements(JsonNode want) {
      List<String> out = new ArrayList<>();
      JsonNode unthresholded = want.get("unthresholded");
      for (Map.Entry<String, Double> e : summary.entrySet()) {
        String key = e.getKey();
        JsonNode w =
            key.startsWith("unthresholded.")
                ? unthresholded.get(key.substring("unthresholded.".length()))
                : want.get(key);
        check(out, key, e.getValue(), w);
      }
      assertThat(columns.keySet())
          .containsExactlyElementsOf(iterable(want.get("per_column").fieldNames()));
      want.get("per_column")
          .fields()
          .forEachRemaining(
              e ->
                  check(
                      out,
                      e.getKey() + ".shape_score",
                      columns.get(e.getKey()),
                      e.getValue().get("score")));
      assertThat(pairs).hasSize(want.get("per_pair").size());
      for (JsonNode w : want.get("per_pair")) {
        List<String> key =
            List.of(w.get("columns").get(0).asText(), w.get("columns").get(1).asText());
        PairFigures g = pairs.get(key);
        assertThat(g).as("pair " + key).isNotNull();
        String p = String.join("|", key) + ".";
        check(out, p + "score", g.score(), w.get("score"));
        check(out, p + "real_correlation", g.realCorrelation(), w.get("real_correlation"));
        check(
            out,
            p + "synthetic_correlation",
            g.syntheticCorrelation(),
            w.get("synthetic_correlation"));
        check(out, p + "real_association", g.realAssociation(), w.get("real_association"));
        if (g.meetsThreshold() != w.get("meets_threshold").asBoolean()) {
          out.add(
              p
                  + "meets_threshold: got "
                  + g.meetsThreshold()
                  + " want "
                  + w.get("meets_threshold"));
        }
      }
      return out;
    }

    private static void check(List<String> out, String what, Double got, JsonNode want) {
      boolean ok =
          want == null || want.isNull()
              ? got != null && got.isNaN()
              : got != null && Math.abs(got - want.asDouble()) <= TOLERANCE;
      if (!ok) {
        out.add(what + ": got " + got + " want " + want);
      }
    }

    private static double number(JsonNode node, String key) {
      JsonNode v = node.get(key);
      assertThat(v).as(key + " in compare's JSON").isNotNull();
      return v.isNull() ? Double.NaN : v.asDouble();
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
      return () -> it;
    }
  }
}
