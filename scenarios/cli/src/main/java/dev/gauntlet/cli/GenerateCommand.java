package dev.gauntlet.cli;

import static dev.gauntlet.UserInputException.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.BatchGeneration;
import dev.gauntlet.generators.auto.AutoProvider;
import dev.gauntlet.generators.deep.ConditionalSampler;
import dev.gauntlet.generators.stat.StatGenerator;
import dev.gauntlet.internal.AtomicFile;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.Progress;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gauntlet generate}: synthetic rows from a fitted, saved or described generator. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    header = "Generate synthetic rows into a CSV file, or a scenario's datasets.",
    description = {
      "Generate synthetic rows into a CSV file: fit a generator to a sample",
      "(--fit), reuse a saved one (--model), or describe a world (--world).",
      "Or make a scenario's data without running its model (--scenario): its data",
      "section's rows, the split, and each variant's perturbed, poisoned or synthetic",
      "rows, as CSV under --out DIR/datasets/ with a manifest.json of their SHA-256",
      "(the files a run with output.datasets writes; layout: docs/scenario-files.md).",
      "Rows are made in batches; batch i draws from the stream derived from",
      "(seed, i), so the same seed and batch size give byte-identical output for",
      "any --threads. Batches are made in parallel and written in order through",
      "a small window, so memory stays flat however many rows are asked for.",
      "",
      "Examples:",
      "  gauntlet generate --fit data.csv --rows 10000 --seed 1 --out synth.csv",
      "  gauntlet generate --fit data.csv --generator independent --save-model m.json",
      "  gauntlet generate --model m.json --rows 1000000 --out big.csv",
      "  gauntlet generate --fit data.csv --rows 1000 --out c.csv \\",
      "      -p 'constraints=price <= total; range(age, 18, 99)'",
      "  gauntlet generate --world world.json --rows 10000 --out world.csv",
      "  gauntlet generate --scenario examples/scenarios/scarce-data.yaml --out scarce",
      ""
    })
final class GenerateCommand implements Callable<Integer> {

  private static final String WORLD = "world";

  /** The generators that can draw rows with a column fixed to a level (--where). */
  private static final List<String> CONDITIONAL = List.of("vae", "gan");

  /** How the generator was made, for the model file; null for one loaded with --model. */
  private ObjectNode fitted;

  @Option(names = "--fit", paramLabel = "DATA.csv", description = "Fit the generator to this CSV.")
  Path fit;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "Use a generator saved with --save-model (any generator, one file format).")
  Path model;

  @Option(
      names = "--world",
      paramLabel = "FILE.json",
      description = "Generate a simulated world described in this JSON spec (see README.md).")
  Path world;

  @Option(
      names = "--scenario",
      paramLabel = "SCENARIO.yaml",
      description =
          "Make this scenario's datasets without running its model, into --out DIR (a folder);"
              + " --seed and --threads apply, the other options do not.")
  Path scenario;

  @Option(
      names = "--generator",
      paramLabel = "NAME",
      defaultValue = "gaussian-copula",
      description = "The generator to fit (default: ${DEFAULT-VALUE}). --list shows them all.")
  String generator;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "KEY=VALUE",
      description =
          "A parameter of the generator to fit, each key once; --list shows each one's"
              + " parameters.")
  List<String> paramTexts = List.of();

  /** The -p parameters by key, in the order given; a list first so a repeated key is seen. */
  private final Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--list", description = "List the generators and their parameters, then stop.")
  boolean list;

  @Option(names = "--rows", paramLabel = "N", description = "How many rows to write.")
  Long rows;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "0",
      description = "The seed of fitting and sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "OUT.csv",
      description = "The CSV file to write (with --scenario: the folder).")
  Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads making batches (default: all cores). Does not change the output.")
  Integer threads;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Rows per batch (default: ${DEFAULT-VALUE}, at most 1,000,000). Part of what makes a"
              + " run reproducible: the same seed with another batch size gives other rows. Large"
              + " batches are made fewer at a time, to fit in memory.")
  int batchSize;

  @Option(
      names = "--save-model",
      paramLabel = "FILE",
      description = "Save the fitted generator (JSON) to reuse with --model.")
  Path saveModel;

  @Mixin ColumnTypeOptions types;

  @Mixin IdOptions ids;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description =
          "Mark this column of --fit data as the label: its role is saved with the model.")
  String label;

  @Option(
      names = "--where",
      paramLabel = "COLUMN=LEVEL",
      description =
          "Write only rows whose categorical COLUMN is LEVEL, e.g. churn=Yes to add rows of a"
              + " scarce class (vae and gan: they are trained to condition on a level). When the"
              + " model rarely makes the level, the rows it cannot find are drawn freely and given"
              + " the level; the summary says how many.")
  String where;

  @Option(
      names = "--where-strict",
      description =
          "With --where: refuse (exit 2, nothing written) rather than give the level to rows"
              + " drawn freely when the model does not make enough rows of it.")
  boolean whereStrict;

  /** Rows of the --where level that the model drew freely and were given the level. */
  private final AtomicLong levelSet = new AtomicLong();

  /** --where's column and level, split once by the option checks. */
  private String whereColumn;

  private String whereLevel;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Registry<GeneratorProvider> registry = Registry.generators();
    if (list) {
      for (GeneratorProvider p : registry.all()) {
        stdout.printf("%-16s %s%n", p.name(), p.description());
        if (p.name().equals(WORLD)) {
          // a world makes rows from its spec, not from a sample: it has its own option
          stdout.printf("  --world FILE.json  the world spec, instead of --fit (see README.md)%n");
          continue;
        }
        for (Parameter param : p.parameters()) {
          stdout.printf(
              "  -p %s=...  %s%s%n",
              param.name(),
              param.description(),
              param.required() ? " (required)" : " (default: " + param.defaultValue() + ")");
        }
      }
      return GauntletCli.OK;
    }
    if (scenario != null) {
      return GenerateScenario.run(this, stdout);
    }
    checkOptions();
    Progress progress = quiet ? Progress.NONE : TerminalProgress.of(stderr);
    Generator g = generator(registry, stdout, progress);
    // checks --where's column and level before anything is saved
    Generator rowsOf = where == null ? g : conditioned(g);
    if (saveModel != null) {
      GeneratorFiles.save(g, saveModel, fitted);
      stdout.println(
          "saved the "
              + g.name()
              + " model to "
              + saveModel
              + (fitted == null ? "" : " (fitted with seed " + seed + ")"));
    }
    if (out != null) {
      int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      long start = System.nanoTime();
      BatchGeneration.writeCsv(rowsOf, Seed.of(seed), rows, batchSize, t, out, progress);
      double seconds = (System.nanoTime() - start) / 1e9;
      stdout.printf(
          Locale.ROOT,
          "wrote %d rows x %d columns to %s (generator %s%s, seed %d, %d thread%s, %.1f s,"
              + " %,.0f rows/s)%n",
          rows,
          g.schema().size(),
          out,
          g.name(),
          where == null ? "" : ", where " + where + (whereStrict ? " (strict)" : ""),
          seed,
          t,
          t == 1 ? "" : "s",
          seconds,
          rows / Math.max(seconds, 1e-9));
      if (levelSet.get() > 0) {
        stdout.printf(
            Locale.ROOT,
            "%d of %d rows were drawn freely and given %s (the model rarely makes that level);"
                + " --where-strict refuses instead%n",
            levelSet.get(),
            rows,
            where);
      }
      if (g instanceof StatGenerator sg && !sg.constraints().isEmpty()) {
        long[] r = sg.rejection();
        stdout.printf(
            Locale.ROOT,
            "constraints %s: %d of %d rows drawn were rejected (%.2f%%); the rest were kept by"
                + " transformation%n",
            sg.constraints(),
            r[1],
            r[0],
            r[0] == 0 ? 0.0 : 100.0 * r[1] / r[0]);
      }
    }
    return GauntletCli.OK;
  }

  private void checkOptions() {
    for (String text : paramTexts) {
      int eq = text.indexOf('=');
      if (eq <= 0) {
        throw new UserInputException(
            "--param " + quote(text),
            eq < 0 ? "no = in it" : "no key before the =",
            "KEY=VALUE, e.g. -p epochs=100",
            "write the parameter's name, an =, and its value");
      }
      String key = text.substring(0, eq);
      if (params.put(key, text.substring(eq + 1)) != null) {
        throw new UserInputException(
            "--param " + quote(key),
            "the key given twice",
            "each parameter once",
            "keep one -p " + key + "=...; constraints go in one value, separated by ;");
      }
    }
    if (whereStrict && where == null) {
      throw new UserInputException(
          "--where-strict",
          "no --where",
          "--where-strict with --where COLUMN=LEVEL",
          "add --where, or drop --where-strict");
    }
    if (where != null) {
      int eq = where.indexOf('=');
      if (eq <= 0 || eq == where.length() - 1) {
        throw new UserInputException(
            "--where " + quote(where),
            eq < 0 ? "no = in it" : "no column or no level",
            "COLUMN=LEVEL, e.g. --where churn=Yes",
            "write the categorical column, an =, and the level its rows should have");
      }
      whereColumn = where.substring(0, eq);
      whereLevel = where.substring(eq + 1);
      if (out == null) {
        throw new UserInputException(
            "--where " + where,
            "no --out",
            "--where with --rows N --out OUT.csv (it picks the rows written)",
            "add --rows 1000 --out OUT.csv, or drop --where");
      }
      if (fit != null && !CONDITIONAL.contains(generator)) {
        throw notConditional(generator);
      }
      if (world != null) {
        throw notConditional(WORLD);
      }
    }
    int sources = (fit == null ? 0 : 1) + (model == null ? 0 : 1) + (world == null ? 0 : 1);
    if (sources != 1) {
      throw new UserInputException(
          "gauntlet generate",
          sources == 0 ? "no source of rows" : "more than one of --fit, --model and --world",
          "exactly one of --fit DATA.csv, --model FILE or --world FILE.json",
          "fit to a sample with --fit, reuse a saved generator with --model, or describe a world"
              + " with --world");
    }
    if (fit == null && !params.isEmpty()) {
      throw new UserInputException(
          "--param",
          "parameters with " + (model != null ? "--model" : "--world"),
          "parameters only when fitting (--fit)",
          "drop --param, or refit with --fit and --save-model");
    }
    // these shape a fit only; with a saved model or a world they would be silently ignored
    String source = model != null ? "--model" : "--world";
    if (fit == null && spec.commandLine().getParseResult().hasMatchedOption("--generator")) {
      throw new UserInputException(
          "--generator " + quote(generator),
          "a generator with " + source,
          "--generator only when fitting (--fit)",
          model != null
              ? "drop --generator: the model file names its generator"
              : "drop --generator: a world spec is its own generator");
    }
    List<String> readOptions = new ArrayList<>();
    if (!types.categorical.isEmpty()) {
      readOptions.add("--categorical " + String.join(",", types.categorical));
    }
    if (!types.numeric.isEmpty()) {
      readOptions.add("--numeric " + String.join(",", types.numeric));
    }
    if (label != null) {
      readOptions.add("--label " + label);
    }
    if (!ids.ids.isEmpty()) {
      readOptions.add("--id " + String.join(",", ids.ids));
    }
    if (!ids.notIds.isEmpty()) {
      readOptions.add("--not-id " + String.join(",", ids.notIds));
    }
    if (fit == null && !readOptions.isEmpty()) {
      throw new UserInputException(
          String.join(" ", readOptions),
          "options for reading --fit data with " + source,
          readOptions.stream().map(o -> o.split(" ")[0]).collect(Collectors.joining(", "))
              + " only when fitting (--fit)",
          model != null
              ? "drop them: the model file keeps the types and roles it was fitted with"
              : "drop them: the world spec gives each column's type and role");
    }
    if (out == null && saveModel == null) {
      throw new UserInputException(
          "gauntlet generate",
          "nothing to write",
          "--out OUT.csv (with --rows N), --save-model FILE, or both",
          rows == null ? "add --rows 10000 --out synthetic.csv" : "add --out synthetic.csv");
    }
    if (out != null && rows == null) {
      throw new UserInputException(
          "--out " + out, "no --rows", "--rows N with --out", "add --rows, e.g. --rows 10000");
    }
    if (rows != null && out == null) {
      throw new UserInputException(
          "--rows " + rows, "no --out", "--out OUT.csv with --rows", "add --out synthetic.csv");
    }
    if (rows != null && rows < 0) {
      throw new UserInputException(
          "--rows " + rows, Long.toString(rows), "a row count of 0 or more", "give --rows 10000");
    }
    // every output path before any work, so a bad one neither wastes a fit nor leaves the other
    if (out != null) {
      AtomicFile.checkTarget(out, "--out");
    }
    if (saveModel != null) {
      AtomicFile.checkTarget(saveModel, "--save-model");
    }
    if (out != null && saveModel != null && sameFile(out, saveModel)) {
      throw new UserInputException(
          "--out " + out + " and --save-model " + saveModel,
          "the same file for both",
          "two different files (the rows would overwrite the model)",
          "give the model its own name, such as model.json");
    }
    if (threads != null && threads < 1) {
      throw new UserInputException(
          "--threads " + threads,
          Integer.toString(threads),
          "1 or more threads",
          "leave --threads out to use every core");
    }
    BatchGeneration.checkBatchSizeOption(batchSize);
  }

  /** Whether two paths (already checked to be in existing folders) name one file. */
  private static boolean sameFile(Path a, Path b) {
    return canonical(a).equals(canonical(b));
  }

  /** The path with its folder's symbolic links and {@code ..} resolved. */
  private static Path canonical(Path p) {
    Path absolute = p.toAbsolutePath().normalize();
    try {
      return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    } catch (IOException e) {
      return absolute;
    }
  }

  private Generator generator(
      Registry<GeneratorProvider> registry, PrintWriter stdout, Progress progress) {
    if (model != null) {
      return GeneratorFiles.load(model, registry);
    }
    if (world != null) {
      fitted = Json.MAPPER.createObjectNode().put("world", world.toString()).put("seed", seed);
      return registry
          .get(WORLD)
          .fit(null, Map.of("spec", world.toString()), Seed.of(seed).derive("fit"));
    }
    if (generator.equals(WORLD)) {
      throw new UserInputException(
          "--generator world",
          "a world fitted to a sample",
          "a world spec given with --world FILE.json (a world makes rows from its spec)",
          "run gauntlet generate --world FILE.json --rows N --out OUT.csv");
    }
    GeneratorProvider provider = registry.get(generator);
    Map<String, String> values = new LinkedHashMap<>();
    List<String> known = provider.parameters().stream().map(Parameter::name).toList();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new UserInputException(
            "--param " + quote(e.getKey()),
            "no parameter of that name for generator " + quote(provider.name()),
            known.isEmpty() ? "no parameters (this generator takes none)" : "one of " + known,
            "run gauntlet generate --list to see each generator's parameters");
      }
      values.put(e.getKey(), e.getValue());
    }
    for (Parameter p : provider.parameters()) {
      if (p.required() && !values.containsKey(p.name())) {
        throw new UserInputException(
            "generator " + quote(provider.name()),
            "no value for parameter " + quote(p.name()),
            p.description(),
            "add -p " + p.name() + "=VALUE");
      }
    }
    CsvOptions options = types.toCsvOptions();
    if (label != null) {
      options = options.withLabel(label);
    }
    Table sample = CsvInput.read(fit, options, spec.commandLine().getErr());
    // checked here for every generator: with fewer rows some fitted nothing and some failed
    if (sample.rowCount() < 2) {
      throw new UserInputException(
          fit.toString(),
          "1 data row", // none is refused as in every command (CsvInput)
          "at least 2 data rows to fit a generator to",
          "fit to a sample with more rows");
    }
    if (label != null && !sample.schema().contains(label)) {
      throw new UserInputException(
          "--label " + quote(label),
          "no column of that name in " + fit,
          "one of " + sample.schema().names(),
          "use one of the listed names (they are case-sensitive)");
    }
    sample = ids.mark(sample, spec.commandLine().getErr()).table();
    if (where != null) {
      checkWhere(sample);
    }
    fitted =
        Json.MAPPER
            .createObjectNode()
            .put("data", fit.toString())
            .put("rows", sample.rowCount())
            .put("seed", seed)
            .put("gauntlet", GauntletCli.version());
    values.forEach(fitted.putObject("parameters")::put);
    Generator g;
    if (provider instanceof AutoProvider auto) {
      AutoProvider.Choice choice =
          auto.choose(sample, values, Seed.of(seed).derive("fit"), progress);
      choice.describe().forEach(stdout::println);
      g = choice.winner();
    } else {
      g = provider.fit(sample, values, Seed.of(seed).derive("fit"), progress);
    }
    stdout.printf(
        "fitted %s to %s (%d rows, %d columns)%n",
        g.name(), fit, sample.rowCount(), sample.columnCount());
    return g;
  }

  /**
   * {@code g} drawing only rows with the --where level: each batch from its own stream, as
   * unconditioned batches are. The column and level are checked now, before any file is written.
   */
  private Generator conditioned(Generator g) {
    if (!(g instanceof ConditionalSampler c)) {
      throw notConditional(g.name());
    }
    String column = whereColumn;
    String level = whereLevel;
    c.sampleWhere(0, Seed.of(seed), column, level, false);
    boolean strict = whereStrict;
    return new Generator() {
      @Override
      public String name() {
        return g.name();
      }

      @Override
      public Schema schema() {
        return g.schema();
      }

      @Override
      public Table sample(int n, Seed stream) {
        ConditionalSampler.Conditioned drawn = c.sampleWhere(n, stream, column, level, strict);
        levelSet.addAndGet(drawn.levelSet());
        return drawn.rows();
      }

      @Override
      public JsonNode state() {
        return g.state();
      }
    };
  }

  /** --where's column and level, checked against the sample before training. */
  private void checkWhere(Table sample) {
    String column = whereColumn;
    String level = whereLevel;
    if (!sample.schema().contains(column)) {
      throw new UserInputException(
          "--where " + where,
          "no column " + quote(column) + " in " + fit,
          "one of " + sample.schema().names(),
          "use one of the listed names (they are case-sensitive)");
    }
    if (!(sample.column(column) instanceof CategoricalColumn c)) {
      throw new UserInputException(
          "--where " + where,
          quote(column) + " is numeric",
          "a categorical column",
          "condition on a categorical column (or read this one with --categorical " + column + ")");
    }
    if (!c.levels().contains(level)) {
      throw new UserInputException(
          "--where " + where,
          "no level " + quote(level) + " in column " + quote(column),
          "one of " + c.levels(),
          "use one of the listed levels (they are case-sensitive)");
    }
  }

  private UserInputException notConditional(String name) {
    return new UserInputException(
        "--where " + where,
        "generator " + quote(name) + ", which cannot fix a column's level",
        "a generator of " + CONDITIONAL,
        "fit one with --generator vae (or gan), then use --where");
  }
}
