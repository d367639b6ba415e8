package dev.gauntlet.scenario.html;

import dev.gauntlet.expectations.BreakingPoint;
import dev.gauntlet.expectations.Expectation;
import dev.gauntlet.expectations.Measure;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.expectations.Target;
import dev.gauntlet.expectations.Verdict;
import dev.gauntlet.metrics.Calibration;
import dev.gauntlet.metrics.Direction;
import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.SyntheticFigures;
import dev.gauntlet.scenario.VariantKind;
import dev.gauntlet.scenario.VariantResult;
import dev.gauntlet.scenario.html.internal.Charts;
import dev.gauntlet.scenario.report.OutputFile;
import dev.gauntlet.scenario.report.RunInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (charts as embedded PNG, a small stylesheet, no scripts, no
 * external URLs) made from the same {@link ScenarioResult} that report.json serialises. Every
 * figure taken from the result carries a {@code data-json} attribute, the JSON pointer of the same
 * number in report.json; every chart is an {@code img} with a {@code data-chart} attribute ({@code
 * robustness}, {@code reliability}, {@code column}, {@code pair-trends}).
 */
public final class HtmlReport {
  /** The file's name in a run's output folder. */
  public static final String FILE = "report.html";

  private HtmlReport() {}

  /** report.html as one of a run's output files. */
  public static OutputFile file() {
    return new OutputFile() {
      @Override
      public String fileName() {
        return FILE;
      }

      @Override
      public void write(ScenarioResult result, RunInfo info, OutputStream out) throws IOException {
        out.write(render(result, info).getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /**
   * What {@code gauntlet compare --html} shows.
   *
   * @param real the real file's name
   * @param synthetic the synthetic file's name
   * @param seed the seed of the subsamples
   * @param scores the summary figures (quality, privacy, utility), by catalogue id or name, shown
   *     in this order
   * @param figures the per-column figures and pair trends
   */
  public record Comparison(
      String real,
      String synthetic,
      long seed,
      Map<String, Double> scores,
      SyntheticFigures figures) {
    public Comparison {
      scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }
  }

  /** The page of a scenario's result. */
  public static String render(ScenarioResult r, RunInfo info) {
    Page p = new Page("Gauntlet report: " + r.name());
    summary(p, r, info);
    robustness(p, r);
    reliability(p, r);
    for (int i = 0; i < r.sweeps().size(); i++) {
      VariantResult v = r.sweeps().get(i);
      if (v.synthetic() != null) {
        p.h2("Real vs synthetic: " + v.name());
        scoresTable(p, syntheticScores(r, i), "/variants/" + i + "/severities/0/metrics/", true);
        synthetic(p, v.synthetic(), "/variants/" + i + "/synthetic");
      }
    }
    slices(p, r);
    attacks(p, r);
    provenance(p, r, info);
    return p.finish();
  }

  /** The page of {@code gauntlet compare --html}: the synthetic-data report. */
  public static String comparison(Comparison c) {
    Page p = new Page("Gauntlet synthetic-data report: " + c.synthetic() + " vs " + c.real());
    p.raw("<section class=\"summary\"><dl>");
    p.raw("<dt>real</dt><dd>" + esc(c.real()) + " (" + c.figures().realRows() + " rows)</dd>");
    p.raw(
        "<dt>synthetic</dt><dd>"
            + esc(c.synthetic())
            + " ("
            + c.figures().syntheticRows()
            + " rows)</dd>");
    p.raw("<dt>seed</dt><dd>" + c.seed() + "</dd></dl>");
    p.h2("Scores");
    Map<String, Measurement> scores = new LinkedHashMap<>();
    c.scores().forEach((k, v) -> scores.put(k, Measurement.of(v)));
    scoresTable(p, scores, null, false);
    p.raw("</section>");
    synthetic(p, c.figures(), null);
    return p.finish();
  }

  // ---- sections

  private static void summary(Page p, ScenarioResult r, RunInfo info) {
    boolean passed = r.passed();
    p.raw("<section class=\"summary\">");
    p.raw(
        "<p class=\"verdict "
            + (passed ? "pass" : "fail")
            + "\">"
            + (passed ? "PASSED" : "FAILED")
            + ": "
            + (r.verdicts().size() - r.failures().size())
            + " of "
            + r.verdicts().size()
            + " expectations hold</p>");
    p.raw("<dl>");
    p.raw("<dt>model</dt><dd>" + esc(r.model()) + ", predicting " + esc(r.label()) + "</dd>");
    p.raw(
        "<dt>rows</dt><dd>"
            + p.num(r.trainRows(), "/rows/train")
            + " training, "
            + p.num(r.testRows(), "/rows/test")
            + " test</dd>");
    p.raw("<dt>seed</dt><dd>" + p.num(r.seed(), "/seed") + "</dd>");
    String file = info.scenarioFile() == null ? "SCENARIO.yaml" : info.scenarioFile();
    p.raw(
        "<dt>rerun</dt><dd><code>gauntlet run "
            + esc(file)
            + " --seed "
            + r.seed()
            + "</code></dd></dl>");
    p.raw("<table class=\"expectations\"><thead><tr><th></th><th>expectation</th>");
    p.raw("<th>measured</th><th>bound</th><th>where</th></tr></thead><tbody>");
    for (int i = 0; i < r.verdicts().size(); i++) {
      Verdict v = r.verdicts().get(i);
      String at = "/expectations/" + i;
      String where =
          v.variant().map(x -> x + " at " + fmt(v.severity().getAsDouble())).orElse("clean rows");
      if (v.slice().isPresent()) {
        where += ", slice " + v.slice().get();
      }
      p.raw(
          "<tr class=\""
              + (v.passed() ? "pass" : "fail")
              + "\"><td class=\"mark\">"
              + (v.passed() ? "&#10003;" : "&#10007;")
              + "</td><td><code>"
              + esc(v.expectation().text())
              + "</code></td><td>"
              + p.num(v.measured(), at + "/measured")
              + (v.expectation().measure() == Measure.VALUE
                  ? interval(p, v.value(), at + "/value")
                  : "")
              + "</td><td>"
              + p.num(v.bound(), at + "/bound")
              + "</td><td>"
              + esc(where)
              + "</td></tr>");
    }
    p.raw("</tbody></table></section>");
  }

  private static String interval(Page p, Measurement m, String at) {
    if (!m.hasInterval()) {
      return "";
    }
    return " <span class=\"ci\">["
        + p.num(m.lo(), at + "/lo")
        + ", "
        + p.num(m.hi(), at + "/hi")
        + "]</span>";
  }

  private static void robustness(Page p, ScenarioResult r) {
    if (r.sweeps().isEmpty()) {
      return;
    }
    p.h2("Robustness");
    p.raw(
        "<p class=\"note\">Each variant's metric against severity, with its bootstrap band, the"
            + " clean baseline, the expectation's bound and its breaking points.</p>");
    for (int i = 0; i < r.sweeps().size(); i++) {
      VariantResult v = r.sweeps().get(i);
      Verdict chosen = expectationFor(r, v);
      String metric = chosen != null ? chosen.expectation().metricId() : firstMetric(r, v);
      if (metric == null) {
        continue;
      }
      List<Double> xs = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      for (PlaceResult place : v.places()) {
        Measurement m = place.metrics().get(metric);
        if (m != null && Double.isFinite(m.value())) {
          xs.add(place.severity());
          ys.add(
              new double[] {
                m.value(),
                m.hasInterval() ? m.lo() : Double.NaN,
                m.hasInterval() ? m.hi() : Double.NaN
              });
        }
      }
      Measurement clean = r.clean().metrics().get(metric);
      double baseline = clean == null ? Double.NaN : clean.value();
      double bound = Double.NaN;
      if (chosen != null) {
        Expectation e = chosen.expectation();
        if (e.measure() == Measure.VALUE) {
          bound = e.bound();
        } else if (e.measure() == Measure.DROP && Double.isFinite(baseline)) {
          Direction d = MetricCatalog.get(metric, metric).direction();
          bound = d == Direction.HIGHER_IS_BETTER ? baseline - e.bound() : baseline + e.bound();
        }
      }
      List<Double> bx = new ArrayList<>();
      List<Double> by = new ArrayList<>();
      for (Verdict verdict : r.verdicts()) {
        if (!verdict.expectation().metricId().equals(metric)) {
          continue;
        }
        for (BreakingPoint b : verdict.breakingPoints()) {
          if (b.variant().equals(v.name()) && b.severity().isPresent()) {
            int k = indexOf(xs, b.severity().getAsDouble());
            if (k >= 0 && !bx.contains(xs.get(k))) {
              bx.add(xs.get(k));
              by.add(ys.get(k)[0]);
            }
          }
        }
      }
      String title = v.name() + " (" + v.kind() + ")";
      Charts.Curve curve =
          new Charts.Curve(
              title,
              metric,
              xs.stream().mapToDouble(Double::doubleValue).toArray(),
              ys.stream().mapToDouble(a -> a[0]).toArray(),
              ys.stream().mapToDouble(a -> a[1]).toArray(),
              ys.stream().mapToDouble(a -> a[2]).toArray(),
              baseline,
              bound,
              bx.stream().mapToDouble(Double::doubleValue).toArray(),
              by.stream().mapToDouble(Double::doubleValue).toArray());
      p.raw("<figure class=\"wide\">");
      p.img(
          () -> Charts.robustness(curve),
          "robustness",
          v.name(),
          metric + " of " + v.name() + " against severity");
      p.raw("<figcaption>" + esc(title) + ": " + esc(metric));
      if (!bx.isEmpty()) {
        p.raw(
            "; breaking point at severity "
                + esc(String.join(", ", bx.stream().map(HtmlReport::fmt).toList())));
      }
      p.raw("</figcaption>");
      p.raw("<table class=\"compact\"><thead><tr><th>severity</th><th>rows</th><th>");
      p.raw(esc(metric) + "</th><th>interval</th>");
      boolean drops = v.places().stream().anyMatch(x -> x.drops().containsKey(metric));
      if (drops) {
        p.raw("<th>drop</th>");
      }
      p.raw("</tr></thead><tbody>");
      for (int j = 0; j < v.places().size(); j++) {
        PlaceResult place = v.places().get(j);
        Measurement m = place.metrics().get(metric);
        if (m == null) {
          continue;
        }
        String at = "/variants/" + i + "/severities/" + j;
        p.raw(
            "<tr><td>"
                + p.num(place.severity(), at + "/severity")
                + "</td><td>"
                + p.num(place.rows(), at + "/rows")
                + "</td><td>"
                + p.num(m.value(), at + "/metrics/" + Page.key(metric) + "/value")
                + "</td><td>"
                + interval(p, m, at + "/metrics/" + Page.key(metric))
                + "</td>");
        if (drops) {
          Measurement d = place.drops().get(metric);
          p.raw(
              "<td>"
                  + (d == null
                      ? ""
                      : p.num(d.value(), at + "/drops/" + Page.key(metric) + "/value"))
                  + "</td>");
        }
        p.raw("</tr>");
      }
      p.raw("</tbody></table></figure>");
    }
  }

  /** The first expectation about this variant's values (not a slice's), if any. */
  private static Verdict expectationFor(ScenarioResult r, VariantResult v) {
    for (Verdict verdict : r.verdicts()) {
      Expectation e = verdict.expectation();
      boolean names =
          (e.target() instanceof Target.Variant t && t.name().equals(v.name()))
              || e.target() instanceof Target.EveryVariant;
      boolean measured = v.places().stream().anyMatch(x -> x.metrics().containsKey(e.metricId()));
      if (names && measured && !e.worstSlice()) {
        return verdict;
      }
    }
    return null;
  }

  private static String firstMetric(ScenarioResult r, VariantResult v) {
    for (String id : r.metrics()) {
      if (v.places().stream().anyMatch(x -> x.metrics().containsKey(id))) {
        return id;
      }
    }
    return null;
  }

  private static int indexOf(List<Double> xs, double x) {
    for (int i = 0; i < xs.size(); i++) {
      if (Math.abs(xs.get(i) - x) <= 1e-9) {
        return i;
      }
    }
    return -1;
  }

  private static void reliability(Page p, ScenarioResult r) {
    if (r.clean().reliability().isEmpty()) {
      return;
    }
    p.h2("Calibration");
    String worstName = null;
    String worstAt = null;
    PlaceResult worst = null;
    double worstEce = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < r.sweeps().size(); i++) {
      VariantResult v = r.sweeps().get(i);
      for (int j = 0; j < v.places().size(); j++) {
        PlaceResult place = v.places().get(j);
        double e = ece(place);
        if (!place.reliability().isEmpty() && place.severity() > 0 && e > worstEce) {
          worstEce = e;
          worst = place;
          worstName = v.name() + " at " + fmt(place.severity());
          worstAt = "/variants/" + i + "/severities/" + j;
        }
      }
    }
    List<Charts.Reliability> lines = new ArrayList<>();
    lines.add(line("baseline", r.clean()));
    if (worst != null) {
      lines.add(line(worstName, worst));
    }
    p.raw("<figure>");
    p.img(() -> Charts.reliability(lines), "reliability", "", "reliability diagram");
    p.raw("<figcaption>Top-class confidence against accuracy in ten bins; ECE in the legend.");
    p.raw("</figcaption></figure>");
    p.raw("<table class=\"compact\"><thead><tr><th>rows</th><th>ECE</th></tr></thead><tbody>");
    p.raw("<tr><td>baseline</td><td>" + eceCell(p, r.clean(), "/clean") + "</td></tr>");
    if (worst != null) {
      p.raw(
          "<tr><td>"
              + esc(worstName)
              + " (worst)</td><td>"
              + eceCell(p, worst, worstAt)
              + "</td></tr>");
    }
    p.raw("</tbody></table>");
  }

  private static Charts.Reliability line(String name, PlaceResult place) {
    List<Calibration.Bin> bins = place.reliability().stream().filter(b -> b.count() > 0).toList();
    return new Charts.Reliability(
        name + " (ECE " + fmt(ece(place)) + ")",
        bins.stream().mapToDouble(Calibration.Bin::confidence).toArray(),
        bins.stream().mapToDouble(Calibration.Bin::accuracy).toArray());
  }

  /** The measured ECE, or the one the reliability bins give when ECE is not a scenario metric. */
  static double ece(PlaceResult place) {
    Measurement m = place.metrics().get("ece");
    if (m != null) {
      return m.value();
    }
    double n = place.reliability().stream().mapToInt(Calibration.Bin::count).sum();
    double sum = 0;
    for (Calibration.Bin b : place.reliability()) {
      if (b.count() > 0) {
        sum += b.count() / n * Math.abs(b.accuracy() - b.confidence());
      }
    }
    return n == 0 ? Double.NaN : sum;
  }

  private static String eceCell(Page p, PlaceResult place, String at) {
    if (place.metrics().containsKey("ece")) {
      return p.num(ece(place), at + "/metrics/ece/value");
    }
    return esc(fmt(ece(place))) + " <span class=\"note\">(from the bins)</span>";
  }

  private static Map<String, Measurement> syntheticScores(ScenarioResult r, int variant) {
    Map<String, Measurement> out = new LinkedHashMap<>();
    PlaceResult first = r.sweeps().get(variant).places().get(0);
    first
        .metrics()
        .forEach(
            (id, m) -> {
              if (!r.metrics().contains(id)) {
                out.put(id, m);
              }
            });
    return out;
  }

  private static void scoresTable(
      Page p, Map<String, Measurement> scores, String pointerPrefix, boolean wrap) {
    p.raw("<table class=\"compact\"><thead><tr><th>figure</th><th>value</th></tr></thead><tbody>");
    scores.forEach(
        (id, m) ->
            p.raw(
                "<tr><td>"
                    + esc(id)
                    + "</td><td>"
                    + (pointerPrefix == null
                        ? esc(fmt(m.value()))
                        : p.num(m.value(), pointerPrefix + Page.key(id) + "/value"))
                    + "</td></tr>"));
    p.raw("</tbody></table>");
  }

  private static void synthetic(Page p, SyntheticFigures f, String at) {
    p.h3("Columns, real against synthetic");
    p.raw("<div class=\"grid\">");
    for (int j = 0; j < f.columns().size(); j++) {
      SyntheticFigures.ColumnFigures c = f.columns().get(j);
      List<String> labels = c.numeric() ? midpoints(c.edges()) : c.categories();
      String title = c.name() + " (shape " + fmt(c.shapeScore()) + ")";
      p.raw("<figure>");
      p.img(
          () -> Charts.distribution(title, labels, c.real(), c.synthetic()),
          "column",
          c.name(),
          "real and synthetic " + c.name());
      p.raw(
          "<figcaption>"
              + esc(c.name())
              + ": shape score "
              + p.num(c.shapeScore(), at == null ? null : at + "/columns/" + j + "/shape_score")
              + "</figcaption></figure>");
    }
    p.raw("</div>");
    List<String> names = f.columns().stream().map(SyntheticFigures.ColumnFigures::name).toList();
    if (names.size() >= 2) {
      p.h3("Pair trends");
      p.raw("<figure class=\"wide\">");
      p.img(
          () ->
              Charts.heatMap(
                  "Pair-trend scores (1 = the pair's trend is kept)", names, f.pairTrends()),
          "pair-trends",
          "",
          "pair-trend heat map");
      p.raw(
          "<figcaption>Correlation similarity for two numeric columns, contingency similarity"
              + " otherwise.</figcaption></figure>");
    }
    p.h3("Drift per column");
    p.raw("<table><thead><tr><th>column</th><th>test</th><th>statistic</th>");
    p.raw("<th>threshold</th><th>drifted</th></tr></thead><tbody>");
    for (int j = 0; j < f.columns().size(); j++) {
      SyntheticFigures.ColumnFigures c = f.columns().get(j);
      String d = at == null ? null : at + "/columns/" + j + "/drift";
      p.raw(
          "<tr"
              + (c.drifted() ? " class=\"fail\"" : "")
              + "><td>"
              + esc(c.name())
              + "</td><td>"
              + esc(c.driftTest())
              + "</td><td>"
              + p.num(c.driftStatistic(), d == null ? null : d + "/statistic")
              + "</td><td>"
              + p.num(c.driftThreshold(), d == null ? null : d + "/threshold")
              + "</td><td>"
              + (c.drifted() ? "yes" : "no")
              + "</td></tr>");
    }
    p.raw("</tbody></table>");
  }

  private static List<String> midpoints(List<Double> edges) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < edges.size(); i++) {
      out.add(String.format(Locale.ROOT, "%.3g", (edges.get(i) + edges.get(i + 1)) / 2));
    }
    return out;
  }

  private static void slices(Page p, ScenarioResult r) {
    Map<String, Map<String, Measurement>> slices = r.clean().slices();
    if (slices.isEmpty() || r.metrics().isEmpty()) {
      return;
    }
    String first = r.metrics().get(0);
    Map<String, Measurement> byFirst = slices.getOrDefault(first, Map.of());
    Direction d = MetricCatalog.get(first, first).direction();
    List<String> order = new ArrayList<>(byFirst.keySet());
    order.sort(
        Comparator.comparingDouble(
            s -> {
              double v = byFirst.get(s).value();
              return Double.isNaN(v)
                  ? Double.NEGATIVE_INFINITY
                  : d == Direction.HIGHER_IS_BETTER ? v : -v;
            }));
    p.h2("Slices (clean rows, worst " + first + " first)");
    p.raw("<table><thead><tr><th>slice</th>");
    for (String id : r.metrics()) {
      p.raw("<th>" + esc(id) + "</th>");
    }
    p.raw("</tr></thead><tbody>");
    for (String s : order) {
      p.raw("<tr><td>" + esc(s) + "</td>");
      for (String id : r.metrics()) {
        Measurement m = slices.getOrDefault(id, Map.of()).get(s);
        p.raw(
            "<td>"
                + (m == null
                    ? ""
                    : p.num(m.value(), "/clean/slices/" + Page.key(id) + "/" + Page.key(s)))
                + "</td>");
      }
      p.raw("</tr>");
    }
    p.raw("</tbody></table>");
  }

  private static void attacks(Page p, ScenarioResult r) {
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < r.sweeps().size(); i++) {
      VariantKind.Category c = r.sweeps().get(i).category();
      if (c == VariantKind.Category.TRAINING_TIME || c == VariantKind.Category.EVASION) {
        shown.add(i);
      }
    }
    if (shown.isEmpty()) {
      return;
    }
    String first = r.metrics().isEmpty() ? null : r.metrics().get(0);
    p.h2("Attacks and poisoning");
    p.raw("<table><thead><tr><th>variant</th><th>kind</th><th>severity</th><th>success rates</th>");
    if (first != null) {
      p.raw("<th>" + esc(first) + " drop</th>");
    }
    p.raw("</tr></thead><tbody>");
    for (int i : shown) {
      VariantResult v = r.sweeps().get(i);
      for (int j = 0; j < v.places().size(); j++) {
        PlaceResult place = v.places().get(j);
        String at = "/variants/" + i + "/severities/" + j;
        StringBuilder rates = new StringBuilder();
        place
            .metrics()
            .forEach(
                (id, m) -> {
                  if (!r.metrics().contains(id)) {
                    rates
                        .append(rates.length() == 0 ? "" : "<br>")
                        .append(esc(id))
                        .append(" ")
                        .append(p.num(m.value(), at + "/metrics/" + Page.key(id) + "/value"));
                  }
                });
        Measurement drop = first == null ? null : place.drops().get(first);
        p.raw(
            "<tr><td>"
                + esc(v.name())
                + "</td><td>"
                + esc(v.kind())
                + "</td><td>"
                + p.num(place.severity(), at + "/severity")
                + "</td><td>"
                + rates
                + "</td>"
                + (first == null
                    ? ""
                    : "<td>"
                        + (drop == null
                            ? ""
                            : p.num(drop.value(), at + "/drops/" + Page.key(first) + "/value"))
                        + "</td>")
                + "</tr>");
      }
    }
    p.raw("</tbody></table>");
  }

  private static void provenance(Page p, ScenarioResult r, RunInfo info) {
    p.h2("Provenance");
    p.raw("<table class=\"provenance\"><tbody>");
    p.raw("<tr><th>seed</th><td>" + p.num(r.seed(), "/seed") + "</td></tr>");
    if (info.scenarioFile() != null) {
      p.raw("<tr><th>scenario file</th><td>" + esc(info.scenarioFile()) + "</td></tr>");
    }
    p.raw(
        "<tr><th>scenario SHA-256</th><td><code>"
            + esc(String.valueOf(info.scenarioSha256()))
            + "</code></td></tr>");
    r.inputs()
        .forEach(
            (path, hash) ->
                p.raw(
                    "<tr><th>"
                        + esc(path)
                        + " SHA-256</th><td><code>"
                        + esc(hash)
                        + "</code></td></tr>"));
    RunInfo.versions()
        .forEach((k, v) -> p.raw("<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>"));
    p.raw("<tr><th>threads</th><td>" + info.threads() + "</td></tr>");
    Double wall = r.timings().getOrDefault("wall", Map.of()).get("seconds");
    if (wall != null) {
      p.raw("<tr><th>wall time</th><td>" + esc(fmt(wall)) + " s</td></tr>");
    }
    p.raw("</tbody></table>");
  }

  // ---- formatting

  /** A number as the page shows it: integers as such, others to four decimals. */
  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** The page under construction. */
  private static final class Page {
    /** The page so far: text, and charts being drawn (futures of base64 PNG). */
    private final List<Object> parts = new ArrayList<>();

    private StringBuilder b = new StringBuilder(1 << 12);

    /** Charts are drawn on every core while the page is assembled (drawing is most of the time). */
    private final java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> {
              Thread t = new Thread(r, "gauntlet-html-chart");
              t.setDaemon(true);
              return t;
            });

    Page(String title) {
      b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
      b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
      b.append("<title>").append(esc(title)).append("</title><style>").append(CSS);
      b.append("</style></head><body><main><h1>").append(esc(title)).append("</h1>\n");
    }

    void raw(String s) {
      b.append(s);
    }

    void h2(String s) {
      b.append("\n<h2>").append(esc(s)).append("</h2>\n");
    }

    void h3(String s) {
      b.append("\n<h3>").append(esc(s)).append("</h3>\n");
    }

    /** A number, tagged with its JSON pointer in report.json (none when pointer is null). */
    String num(double v, String pointer) {
      String text = esc(fmt(v));
      if (pointer == null) {
        return text;
      }
      return "<span class=\"n\" data-json=\"" + esc(pointer) + "\">" + text + "</span>";
    }

    void img(
        java.util.function.Supplier<String> base64Png, String kind, String subject, String alt) {
      b.append("<img src=\"data:image/png;base64,");
      parts.add(b);
      parts.add(pool.submit(base64Png::get));
      b = new StringBuilder(1 << 12);
      b.append("\" data-chart=\"")
          .append(esc(kind))
          .append("\" data-subject=\"")
          .append(esc(subject))
          .append("\" alt=\"")
          .append(esc(alt))
          .append("\">");
    }

    String finish() {
      b.append("\n<footer>Made by Gauntlet from the run's result; report.json holds the same");
      b.append(" figures.</footer></main></body></html>\n");
      parts.add(b);
      StringBuilder page = new StringBuilder(1 << 20);
      try {
        for (Object part : parts) {
          page.append(part instanceof java.util.concurrent.Future<?> f ? (String) f.get() : part);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while drawing the report's charts", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
      return page.toString();
    }

    /** A JSON pointer's reference token: {@code ~} and {@code /} escaped (RFC 6901). */
    static String key(String s) {
      return s.replace("~", "~0").replace("/", "~1");
    }
  }

  private static final String CSS =
      """
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;\
      background:#fafafa;margin:0}
      main{max-width:1100px;margin:0 auto;padding:1.2em 1.5em;background:#fff}
      h1{font-size:1.5em;margin:.2em 0 .6em}h2{font-size:1.25em;border-bottom:2px solid #ddd;\
      padding-bottom:.2em;margin-top:1.6em}h3{font-size:1.05em}
      .verdict{font-size:1.3em;font-weight:700;padding:.4em .7em;border-radius:4px}
      .verdict.pass{background:#e3f4e8;color:#1e7b34}.verdict.fail{background:#fbe4e1;color:#b0281a}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
      table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
      th,td{border-bottom:1px solid #e3e3e3;padding:.25em .6em;text-align:left;vertical-align:top}
      td .n{font-variant-numeric:tabular-nums}
      tr.fail td{background:#fdf1ef}tr.pass .mark{color:#1e7b34}tr.fail .mark{color:#b0281a}
      .mark{font-weight:700}.ci,.note{color:#666;font-size:.9em}
      figure{margin:.8em 0;display:inline-block;vertical-align:top}
      figure.wide{display:flex;flex-wrap:wrap;gap:.3em 1.2em;align-items:flex-start}
      figure.wide figcaption{flex-basis:100%;order:-1}
      img{max-width:100%;height:auto;border:1px solid #eee}
      figcaption{font-size:.9em;color:#444}
      .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:.5em}
      .grid figure{margin:0}
      code{font-size:.92em;background:#f3f3f3;padding:0 .2em;word-break:break-all}
      footer{margin-top:2em;color:#777;font-size:.85em}
      @media print{body{background:#fff}main{max-width:none;padding:0}\
      figure,table,tr{break-inside:avoid}h2{break-after:avoid}}
      """;
}
