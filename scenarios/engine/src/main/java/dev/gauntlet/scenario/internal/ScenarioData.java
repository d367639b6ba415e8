package dev.gauntlet.scenario.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.stat.WorldProvider;
import dev.gauntlet.generators.stat.WorldSpec;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.SplitSpec;
import dev.gauntlet.scenario.spec.SyntheticSpec;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.ModelTask;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario's rows: read or made as its data section says, then split. Every input file read is
 * recorded (for the manifest's hashes) by its path relative to the scenario's folder.
 *
 * @param label the label column
 * @param all every row (before the split)
 * @param split the training and test rows
 * @param inputs the files read, relative path to absolute path
 */
public record ScenarioData(String label, Table all, Split split, Map<String, Path> inputs) {

  /**
   * Reads or makes the rows (or samples a CSV's, {@code data.rows}); seeds: {@code
   * root.derive("data")} and {@code root.derive("split")}.
   */
  public static ScenarioData load(ScenarioSpec spec, Path folder, Seed root, String source) {
    return load(spec, folder, root, source, ModelTask.CLASSIFICATION);
  }

  /**
   * Loads and splits the data for a model of this task: the label must suit it, and a regression
   * split is not stratified.
   */
  public static ScenarioData load(
      ScenarioSpec spec, Path folder, Seed root, String source, ModelTask task) {
    DataSpec d = spec.data();
    Map<String, Path> inputs = new java.util.LinkedHashMap<>();
    Table table;
    if (d.csv() != null) {
      table = readCsv(d, d.csv(), folder, inputs, source, "data.csv");
    } else if (d.world() != null) {
      table = world(d, folder, root.derive("data"), inputs, source);
    } else {
      table = synthetic(d, d.synthetic(), folder, root.derive("data"), inputs, source);
    }
    String label = label(d, table, source);
    table = labelled(withRoles(table, label, d.id(), source), label);
    TaskRules.checkLabel(task, table, label, source);
    if (d.csv() != null && d.rows() != null) {
      table = RowSample.of(table, label, d.rows(), root.derive("data"), source + " (data.rows)");
    }
    SplitSpec s = spec.split();
    Split split;
    if (s.file() != null) {
      Table test = readCsv(d, s.file(), folder, inputs, source, "split.file");
      test = labelled(withRoles(test, label, d.id(), source + " (split.file)"), label);
      if (!test.schema().names().equals(table.schema().names())) {
        throw new UserInputException(
            source + " (split.file)",
            "columns " + test.schema().names(),
            "the data's columns " + table.schema().names(),
            "give a test file with the same columns as the data");
      }
      split = new Split(table, test);
    } else {
      Seed seed = root.derive("split");
      split =
          TaskRules.stratify(task, s, source)
              ? table.stratifiedSplit(label, s.testOrDefault(), seed)
              : table.split(s.testOrDefault(), seed);
    }
    if (split.train().rowCount() < 2 || split.test().rowCount() < 1) {
      throw new UserInputException(
          source + " (split)",
          split.train().rowCount() + " training and " + split.test().rowCount() + " test rows",
          "at least 2 training rows and 1 test row",
          "give more rows, or another test share");
    }
    return new ScenarioData(label, table, split, java.util.Collections.unmodifiableMap(inputs));
  }

  /**
   * The rows whose label is present: a row without one can neither train a model nor score it
   * (penguins.csv has two rows of only a year). The counts of report.json show what is left.
   */
  static Table labelled(Table t, String label) {
    var column = t.column(label);
    return column.missingCount() == 0 ? t : t.filter(r -> !column.isMissing(r));
  }

  private static Path resolve(Path folder, String file, String source, String key) {
    Path p = folder.resolve(file).normalize();
    if (Files.isDirectory(p)) {
      throw new UserInputException(
          source + " (" + key + ")", "a folder: " + file, "a file", "name a file in the folder");
    }
    if (!Files.isRegularFile(p)) {
      throw new UserInputException(
          source + " (" + key + ")",
          "no such file: " + file,
          "a file, relative to the scenario's folder",
          "check the path (it resolves against the folder the scenario file is in)");
    }
    return p;
  }

  private static Table readCsv(
      DataSpec d, String file, Path folder, Map<String, Path> inputs, String source, String key) {
    Path p = resolve(folder, file, source, key);
    inputs.put(file, p);
    CsvOptions options = CsvOptions.defaults();
    for (Map.Entry<String, String> e : d.types().entrySet()) {
      options =
          options.withType(
              e.getKey(),
              e.getValue().equals("numeric") ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
    }
    return Csv.read(p, options);
  }

  private static Table world(
      DataSpec d, Path folder, Seed seed, Map<String, Path> inputs, String source) {
    WorldSpec spec;
    JsonNode w = d.world();
    if (w.isTextual()) {
      Path p = resolve(folder, w.asText(), source, "data.world");
      inputs.put(w.asText(), p);
      spec = WorldProvider.read(p);
    } else {
      try {
        spec = new ObjectMapper().treeToValue(w, WorldSpec.class);
      } catch (IOException e) {
        FieldException f = fieldCause(e);
        if (f != null) {
          throw new UserInputException(
              source + " (data.world." + f.pathText() + ")",
              f.found(),
              f.expected(),
              f.fix() == null ? "correct the world spec" : f.fix(),
              e);
        }
        throw new UserInputException(
            source + " (data.world)",
            e.getMessage().lines().findFirst().orElse("a bad world spec"),
            "a world spec as README.md (Simulated worlds) describes it",
            "correct the world spec",
            e);
      }
    }
    Generator g = dev.gauntlet.generators.stat.WorldGenerator.of(spec, seed.derive("world"));
    return g.sample(seed.derive("rows"), d.rowsOrDefault());
  }

  private static FieldException fieldCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FieldException f) {
        return f;
      }
    }
    return null;
  }

  private static Table synthetic(
      DataSpec d,
      SyntheticSpec s,
      Path folder,
      Seed seed,
      Map<String, Path> inputs,
      String source) {
    Generator g;
    if (s.model() != null) {
      Path p = resolve(folder, s.model(), source, "data.synthetic.model");
      inputs.put(s.model(), p);
      g = GeneratorFiles.load(p);
    } else {
      Table sample = readCsv(d, s.fit(), folder, inputs, source, "data.synthetic.fit");
      String label = d.label() != null ? d.label() : last(sample);
      sample = withRoles(sample, label, d.id(), source);
      try {
        g =
            Registry.generators()
                .get(s.generatorOrDefault())
                .fit(sample, s.params(), seed.derive("fit"));
      } catch (FieldException e) {
        throw new UserInputException(
            source + " (data.synthetic.params." + e.pathText() + ")",
            e.found(),
            e.expected(),
            e.fix() == null ? "correct the parameter" : e.fix(),
            e);
      }
    }
    return g.sample(seed.derive("rows"), d.rowsOrDefault());
  }

  private static String last(Table t) {
    List<String> names = t.schema().names();
    return names.get(names.size() - 1);
  }

  private static String label(DataSpec d, Table t, String source) {
    if (d.label() != null) {
      if (!t.schema().contains(d.label())) {
        throw new UserInputException(
            source + " (data.label)",
            UserInputException.quote(d.label()),
            "a column of the data: " + t.schema().names(),
            "name the label column");
      }
      return d.label();
    }
    List<String> labels = t.schema().names(ColumnRole.LABEL);
    return labels.isEmpty() ? last(t) : labels.get(0);
  }

  /** The label column as the only label, id columns as ids, the rest as features. */
  static Table withRoles(Table t, String label, List<String> ids, String source) {
    if (!t.schema().contains(label)) {
      throw new UserInputException(
          source + " (data.label)",
          UserInputException.quote(label),
          "a column of the data: " + t.schema().names(),
          "name the label column");
    }
    List<ColumnSpec> specs = new ArrayList<>();
    for (ColumnSpec c : t.schema().columns()) {
      ColumnRole role =
          c.name().equals(label)
              ? ColumnRole.LABEL
              : ids.contains(c.name())
                  ? ColumnRole.ID
                  : c.role() == ColumnRole.LABEL ? ColumnRole.FEATURE : c.role();
      specs.add(c.withRole(role));
    }
    for (int i = 0; i < ids.size(); i++) {
      if (!t.schema().contains(ids.get(i))) {
        throw new UserInputException(
            source + " (data.id[" + i + "])",
            UserInputException.quote(ids.get(i)),
            "a column of the data: " + t.schema().names(),
            "name an id column, or remove it");
      }
    }
    return Table.of(dev.gauntlet.data.Schema.of(specs), t.columns());
  }
}
