package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.metrics.MetricDefinition;
import dev.gauntlet.metrics.MetricKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet metrics [ID...]}: the metric catalogue. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    header = "List the metrics Gauntlet measures, by id.",
    description = {
      "List the metric catalogue: each metric's id, which direction is better, its range and its",
      "definition. Expectations, report.json and the commands' JSON output use these ids; in an",
      "expectation, `drop` is a move in the direction that is worse (a rise, for log_loss).",
      "docs/metrics.md holds the same list."
    })
final class MetricsCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "ID",
      arity = "0..*",
      description = "Show only these metrics (default: all).")
  List<String> ids = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<MetricDefinition> metrics = new ArrayList<>();
    if (ids.isEmpty()) {
      metrics.addAll(MetricCatalog.all());
    } else {
      for (String id : ids) {
        metrics.add(MetricCatalog.get(id, "ID " + dev.gauntlet.UserInputException.quote(id)));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(toJson(metrics)));
    } else {
      printTable(out, metrics);
    }
    return GauntletCli.OK;
  }

  private static ObjectNode toJson(List<MetricDefinition> metrics) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode list = root.putArray("metrics");
    for (MetricDefinition d : metrics) {
      ObjectNode m = list.addObject();
      m.put("id", d.id());
      m.put("kind", d.kind().label());
      m.put("better", d.direction().word());
      Json.put(m, "min", d.min()); // null when unbounded
      Json.put(m, "max", d.max());
      m.put("range", d.rangeText());
      m.put("definition", d.definition());
    }
    return root;
  }

  /** One table per kind, each with its own column widths. */
  private static void printTable(PrintWriter out, List<MetricDefinition> metrics) {
    Map<MetricKind, List<MetricDefinition>> byKind = new LinkedHashMap<>();
    for (MetricDefinition d : metrics) {
      byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
    }
    boolean first = true;
    for (Map.Entry<MetricKind, List<MetricDefinition>> group : byKind.entrySet()) {
      if (!first) {
        out.println();
      }
      first = false;
      int idWidth = "id".length();
      int rangeWidth = "range".length();
      for (MetricDefinition d : group.getValue()) {
        idWidth = Math.max(idWidth, d.id().length());
        rangeWidth = Math.max(rangeWidth, d.rangeText().length());
      }
      String format = "%-" + idWidth + "s  %-6s  %-" + rangeWidth + "s  %s%n";
      int indent = idWidth + 2 + 6 + 2 + rangeWidth + 2;
      int definitionWidth = Math.max(30, GauntletCli.USAGE_WIDTH - indent);
      out.println(group.getKey().label() + ":");
      out.printf(format, "id", "better", "range", "definition");
      for (MetricDefinition d : group.getValue()) {
        List<String> lines = wrap(d.definition(), definitionWidth);
        out.printf(format, d.id(), d.direction().word(), d.rangeText(), lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
          out.println(" ".repeat(indent) + line);
        }
      }
    }
  }

  /** Words in lines of at most {@code width} characters (a longer word gets its own line). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
