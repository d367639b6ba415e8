package dev.gauntlet.scenario.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.expectations.BreakingPoint;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.expectations.Verdict;
import dev.gauntlet.metrics.Calibration;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.SyntheticFigures;
import dev.gauntlet.scenario.VariantResult;
import java.util.List;

/**
 * report.json: {@code format} {@code gauntlet-report}, {@code version} 1. Every metric by variant,
 * severity and slice with its interval, every expectation's verdict with its breaking points, and
 * all timings under {@code timings}. A number that is undefined (NaN) is written as null. No paths
 * of the machine appear: inputs are named relative to the scenario's folder. docs/scenarios.md
 * describes every key.
 */
public final class ReportJson {
  public static final String FORMAT = "gauntlet-report";
  public static final int VERSION = 1;

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  /** The report as a JSON tree. */
  public static ObjectNode of(ScenarioResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("scenario", r.name());
    root.put("seed", r.seed());
    root.put("passed", r.passed());
    ObjectNode model = root.putObject("model");
    model.put("kind", r.model());
    model.put("label", r.label());
    model.put("task", r.task().id());
    r.classes().forEach(model.putArray("classes")::add);
    ObjectNode rows = root.putObject("rows");
    rows.put("train", r.trainRows());
    rows.put("test", r.testRows());
    r.metrics().forEach(root.putArray("metrics")::add);
    root.set("clean", place(r.clean(), false));
    ArrayNode variants = root.putArray("variants");
    for (VariantResult v : r.sweeps()) {
      ObjectNode n = variants.addObject();
      n.put("name", v.name());
      n.put("kind", v.kind());
      n.put("category", v.category().id());
      ObjectNode params = n.putObject("params");
      v.params().forEach(params::put);
      ArrayNode places = n.putArray("severities");
      for (PlaceResult p : v.places()) {
        places.add(place(p, true));
      }
      if (v.synthetic() != null) {
        n.set("synthetic", synthetic(v.synthetic()));
      }
    }
    ArrayNode expectations = root.putArray("expectations");
    for (Verdict v : r.verdicts()) {
      expectations.add(verdict(v));
    }
    ObjectNode timings = root.putObject("timings");
    r.timings()
        .forEach(
            (k, m) -> {
              ObjectNode t = timings.putObject(k);
              m.forEach((name, seconds) -> number(t, name, seconds));
            });
    return root;
  }

  private static ObjectNode place(PlaceResult p, boolean withSeverity) {
    ObjectNode n = JSON.createObjectNode();
    if (withSeverity) {
      number(n, "severity", p.severity());
    }
    n.put("rows", p.rows());
    n.put("paired", p.paired());
    ObjectNode metrics = n.putObject("metrics");
    p.metrics().forEach((id, m) -> metrics.set(id, measurement(m)));
    if (withSeverity) {
      ObjectNode drops = n.putObject("drops");
      p.drops().forEach((id, m) -> drops.set(id, measurement(m)));
    }
    ObjectNode slices = n.putObject("slices");
    p.slices()
        .forEach(
            (id, bySlice) -> {
              ObjectNode s = slices.putObject(id);
              bySlice.forEach((slice, m) -> number(s, slice, m.value()));
            });
    if (!p.details().isEmpty()) {
      ObjectNode details = n.putObject("details");
      p.details().forEach((k, v) -> number(details, k, v));
    }
    if (!p.reliability().isEmpty()) {
      ArrayNode bins = n.putArray("reliability");
      for (Calibration.Bin b : p.reliability()) {
        ObjectNode o = bins.addObject();
        number(o, "lo", b.lo());
        number(o, "hi", b.hi());
        o.put("count", b.count());
        number(o, "accuracy", b.accuracy());
        number(o, "confidence", b.confidence());
      }
    }
    return n;
  }

  /** A synthetic variant's rows against the training rows, column by column. */
  public static ObjectNode synthetic(SyntheticFigures f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("real_rows", f.realRows());
    n.put("synthetic_rows", f.syntheticRows());
    ArrayNode columns = n.putArray("columns");
    for (SyntheticFigures.ColumnFigures c : f.columns()) {
      ObjectNode o = columns.addObject();
      o.put("name", c.name());
      o.put("type", c.type().id());
      number(o, "shape_score", c.shapeScore());
      if (c.numeric()) {
        c.edges().forEach(e -> numberIn(o.withArray("edges"), e));
      } else {
        c.categories().forEach(o.putArray("categories")::add);
      }
      ArrayNode real = o.putArray("real");
      c.real().forEach(x -> numberIn(real, x));
      ArrayNode syn = o.putArray("synthetic");
      c.synthetic().forEach(x -> numberIn(syn, x));
      ObjectNode drift = o.putObject("drift");
      drift.put("test", c.driftTest());
      number(drift, "statistic", c.driftStatistic());
      number(drift, "threshold", c.driftThreshold());
      drift.put("drifted", c.drifted());
    }
    ArrayNode pairs = n.putArray("pair_trends");
    for (List<Double> row : f.pairTrends()) {
      ArrayNode r = pairs.addArray();
      row.forEach(x -> numberIn(r, x));
    }
    return n;
  }

  private static void numberIn(ArrayNode a, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      a.addNull();
    } else {
      a.add(v);
    }
  }

  static ObjectNode measurement(Measurement m) {
    ObjectNode n = JSON.createObjectNode();
    number(n, "value", m.value());
    if (m.hasInterval()) {
      number(n, "lo", m.lo());
      number(n, "hi", m.hi());
    }
    return n;
  }

  private static ObjectNode verdict(Verdict v) {
    ObjectNode n = JSON.createObjectNode();
    n.put("expectation", v.expectation().text());
    n.put("passed", v.passed());
    number(n, "measured", v.measured());
    number(n, "bound", v.bound());
    n.set("value", measurement(v.value()));
    if (!Double.isNaN(v.reference())) {
      number(n, "reference", v.reference());
    }
    v.variant().ifPresent(x -> n.put("variant", x));
    if (v.severity().isPresent()) {
      number(n, "severity", v.severity().getAsDouble());
    }
    v.slice().ifPresent(x -> n.put("slice", x));
    ArrayNode points = n.putArray("breaking_points");
    for (BreakingPoint b : v.breakingPoints()) {
      ObjectNode p = points.addObject();
      p.put("variant", b.variant());
      if (b.severity().isPresent()) {
        number(p, "severity", b.severity().getAsDouble());
      } else {
        p.putNull("severity");
      }
      p.put("must_hold", b.mustHold());
    }
    n.put("message", v.message());
    return n;
  }

  static void number(ObjectNode n, String key, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }

  /** A copy of the report without its {@code timings}: what two runs of one seed share. */
  public static ObjectNode withoutTimings(ObjectNode report) {
    ObjectNode copy = report.deepCopy();
    copy.remove("timings");
    return copy;
  }
}
