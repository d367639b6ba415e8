package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet inspect FILE.csv}: the schema Gauntlet infers for a CSV file. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    header = "Print the schema Gauntlet infers for a CSV file.",
    description = {
      "Print the schema Gauntlet infers for a CSV file: each column's type, role, missing count,",
      "and its levels (categorical) or min / mean / max (numeric).",
      "",
      "A column is numeric when every non-empty value is a number (spaces around it allowed),",
      "datetime when every one is an ISO-8601 date or date-time (2024-01-31, 2024-01-31T10:00:00,",
      "with Z or an offset, or a space for T), else categorical; only an empty field is missing",
      "(NA is an ordinary category). Force types with --categorical and --numeric. The field",
      "delimiter (, ; tab |) is detected unless --delimiter gives it.",
      "",
      "A categorical column with distinct values in at least 95%% of at least 50 rows has the",
      "role id: every command keeps it in its outputs and out of its figures and models",
      "(--id and --not-id decide otherwise)."
    })
final class InspectCommand implements Callable<Integer> {
  /** Levels listed per categorical column in the table view; JSON lists up to JSON_LEVELS. */
  private static final int TABLE_LEVELS = 5;

  private static final int JSON_LEVELS = 100;

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "The CSV file to inspect.")
  Path file;

  @Mixin ColumnTypeOptions types;

  @Mixin IdOptions ids;

  @Option(names = "--label", paramLabel = "COLUMN", description = "Mark this column as the label.")
  String label;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CsvOptions options = types.toCsvOptions();
    if (label != null) {
      options = options.withLabel(label);
    }
    Table table =
        ids.mark(
                CsvInput.read(file, options, spec.commandLine().getErr()),
                spec.commandLine().getErr())
            .table();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(toJson(mapper, table)));
    } else {
      printTable(out, table);
    }
    return GauntletCli.OK;
  }

  private ObjectNode toJson(ObjectMapper mapper, Table table) {
    ObjectNode root = mapper.createObjectNode();
    root.put("file", file.toString());
    root.put("rows", table.rowCount());
    ArrayNode columns = root.putArray("columns");
    for (int j = 0; j < table.columnCount(); j++) {
      ColumnSpec spec = table.schema().get(j);
      Column c = table.column(j);
      ObjectNode col = columns.addObject();
      col.put("name", spec.name());
      col.put("type", spec.type().id());
      col.put("role", spec.role().id());
      col.put("missing", c.missingCount());
      if (spec.dateFormat() != null) {
        NumericSummary s = NumericSummary.of((NumericColumn) c);
        col.put("format", spec.dateFormat().pattern());
        col.put("min", s.count() > 0 ? spec.dateFormat().format(s.min()) : null);
        col.put("max", s.count() > 0 ? spec.dateFormat().format(s.max()) : null);
      } else if (c instanceof NumericColumn n) {
        NumericSummary s = NumericSummary.of(n);
        if (s.count() > 0) {
          col.put("min", s.min());
          col.put("mean", s.mean());
          col.put("max", s.max());
        } else {
          col.putNull("min");
          col.putNull("mean");
          col.putNull("max");
        }
        col.put("integers", s.count() > 0 && n.allIntegers());
      } else {
        List<LevelCount> levels = LevelCount.of((CategoricalColumn) c);
        col.put("level_count", levels.size());
        ObjectNode counts = col.putObject("levels");
        levels.stream().limit(JSON_LEVELS).forEach(l -> counts.put(l.level(), l.count()));
        col.put("levels_truncated", levels.size() > JSON_LEVELS);
      }
    }
    return root;
  }

  private void printTable(PrintWriter out, Table table) {
    out.printf("%s: %d rows, %d columns%n%n", file, table.rowCount(), table.columnCount());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"column", "type", "role", "missing", "summary"});
    for (int j = 0; j < table.columnCount(); j++) {
      ColumnSpec spec = table.schema().get(j);
      Column c = table.column(j);
      rows.add(
          new String[] {
            spec.name(),
            spec.type().id(),
            spec.role().id(),
            Integer.toString(c.missingCount()),
            summary(spec, c)
          });
    }
    int[] width = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      out.printf(
          "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3] + "s  %s%n",
          (Object[]) r);
    }
  }

  private static String summary(ColumnSpec spec, Column c) {
    if (spec.dateFormat() != null) {
      NumericSummary s = NumericSummary.of((NumericColumn) c);
      if (s.count() == 0) {
        return "no values";
      }
      return "min "
          + spec.dateFormat().format(s.min())
          + ", max "
          + spec.dateFormat().format(s.max())
          + " ("
          + spec.dateFormat().pattern()
          + ")";
    }
    if (c instanceof NumericColumn n) {
      NumericSummary s = NumericSummary.of(n);
      if (s.count() == 0) {
        return "no values";
      }
      return "min "
          + NumberText.format(s.min())
          + ", mean "
          + fourSignificant(s.mean())
          + ", max "
          + NumberText.format(s.max())
          + (n.allIntegers() ? " (integers)" : "");
    }
    List<LevelCount> levels = LevelCount.of((CategoricalColumn) c);
    StringBuilder b = new StringBuilder();
    b.append(levels.size()).append(levels.size() == 1 ? " level" : " levels");
    for (int i = 0; i < Math.min(TABLE_LEVELS, levels.size()); i++) {
      b.append(i == 0 ? ": " : ", ")
          .append(levels.get(i).level())
          .append(" (")
          .append(levels.get(i).count())
          .append(')');
    }
    if (levels.size() > TABLE_LEVELS) {
      b.append(", ...");
    }
    return b.toString();
  }

  private static String fourSignificant(double v) {
    return NumberText.format(Double.parseDouble(String.format(Locale.ROOT, "%.4g", v)));
  }

  /** Min, mean and max of the present values. */
  record NumericSummary(int count, double min, double mean, double max) {
    static NumericSummary of(NumericColumn c) {
      int count = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int r = 0; r < c.size(); r++) {
        double v = c.get(r);
        if (!Double.isNaN(v)) {
          count++;
          min = Math.min(min, v);
          max = Math.max(max, v);
          sum += v;
        }
      }
      return new NumericSummary(count, min, count == 0 ? Double.NaN : sum / count, max);
    }
  }

  /** A level and how many rows hold it; levels used by no row are left out. */
  record LevelCount(String level, int count) {
    /** Most frequent first; ties in level order. */
    static List<LevelCount> of(CategoricalColumn c) {
      int[] counts = c.counts();
      List<LevelCount> out = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          out.add(new LevelCount(c.levels().get(i), counts[i]));
        }
      }
      out.sort(Comparator.comparingInt(LevelCount::count).reversed());
      return out;
    }
  }
}
