package dev.gauntlet.scenario.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.expectations.MeasurementTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads an earlier run's report.json back as measurements, for {@code drop vs baseline}. */
public final class ReportReader {
  private ReportReader() {}

  /** The measurements of a report.json; a file that is not one is a user error. */
  public static MeasurementTable read(Path file, String option) {
    String where = option + " " + file;
    JsonNode root;
    try {
      root = ReportJson.JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UserInputException(
          where,
          Files.isRegularFile(file)
              ? "not JSON: " + e.getMessage().lines().findFirst().orElse("")
              : "no such file",
          "a report.json written by gauntlet run",
          "give the report.json of an earlier run");
    }
    if (root == null
        || !ReportJson.FORMAT.equals(root.path("format").asText(null))
        || root.path("version").asInt(-1) != ReportJson.VERSION) {
      throw new UserInputException(
          where,
          "format " + root.path("format") + " version " + root.path("version"),
          "format \"" + ReportJson.FORMAT + "\" version " + ReportJson.VERSION,
          "give the report.json of a run of this Gauntlet version");
    }
    MeasurementTable.Builder b = MeasurementTable.builder(root.path("seed").asLong());
    for (JsonNode v : root.path("variants")) {
      List<Double> severities = new ArrayList<>();
      for (JsonNode p : v.path("severities")) {
        severities.add(p.path("severity").asDouble());
      }
      b.variant(v.path("name").asText(), severities.stream().mapToDouble(d -> d).toArray());
    }
    JsonNode clean = root.path("clean");
    forEach(clean.path("metrics"), (id, m) -> b.clean(id, measurement(m)));
    forEach(
        clean.path("slices"),
        (id, slices) -> forEach(slices, (s, m) -> b.cleanSlice(id, s, value(m))));
    for (JsonNode v : root.path("variants")) {
      String name = v.path("name").asText();
      for (JsonNode p : v.path("severities")) {
        double s = p.path("severity").asDouble();
        forEach(p.path("metrics"), (id, m) -> b.measured(id, name, s, measurement(m)));
        forEach(
            p.path("slices"),
            (id, slices) -> forEach(slices, (sl, m) -> b.measuredSlice(id, sl, name, s, value(m))));
      }
    }
    return b.build();
  }

  private static void forEach(JsonNode object, java.util.function.BiConsumer<String, JsonNode> f) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      f.accept(e.getKey(), e.getValue());
    }
  }

  private static double number(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? Double.NaN : n.asDouble();
  }

  private static Measurement measurement(JsonNode m) {
    return new Measurement(number(m.get("value")), number(m.get("lo")), number(m.get("hi")));
  }

  private static Measurement value(JsonNode m) {
    return Measurement.of(number(m));
  }
}
