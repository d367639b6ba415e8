package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import dev.gauntlet.expectations.BreakingPoint;
import dev.gauntlet.expectations.Verdict;
import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.RunListener;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.VariantKind;
import dev.gauntlet.scenario.VariantResult;
import dev.gauntlet.scenario.report.ReportFiles;
import dev.gauntlet.scenario.report.ReportReader;
import dev.gauntlet.scenario.report.RunInfo;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import dev.gauntlet.spi.ModelProvider;
import dev.gauntlet.spi.ModelTask;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.Registry;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet run SCENARIO.yaml [--out DIR] [--seed S] [--threads T] [--baseline FILE]}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Run a scenario: put a model through its variants and judge its expectations.",
    description = {
      "Run a scenario file: read or make its data, split it, train (or load) the model, measure it",
      "on the clean test rows and under every variant at every severity, and judge the",
      "expectations. Writes report.json, junit.xml, manifest.json and report.html (the same",
      "result as one self-contained page of charts and tables) into the output folder.",
      "The same scenario and seed give the same report (apart from timings) at any --threads.",
      "Paths in the scenario resolve against its folder. The format: docs/scenarios.md.",
      "",
      "Examples:",
      "  gauntlet run examples/scenarios/credit-under-pressure.yaml",
      "  gauntlet run credit.yaml --out reports/credit --seed 7 --threads 2",
      "  gauntlet run credit.yaml --baseline reports/last-release/report.json",
      "  gauntlet run ours.yaml --classpath build/libs/models.jar",
      "  gauntlet run --list"
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  every expectation holds",
      "  1  an expectation fails (each failure is printed with its value, bound and the seed)",
      "  2  user error: a bad scenario, data file or option (the message says where)",
      "  3  internal error: a bug in Gauntlet (rerun with --verbose and report it)"
    })
final class RunCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO.yaml",
      description = "The scenario file.")
  Path scenario;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The output folder (default: the scenario's output, else gauntlet-out/NAME).")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "The root seed (default: the scenario's).")
  Long seed;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Threads for the variants (default: the number of processors).")
  Integer threads;

  @Option(
      names = "--baseline",
      paramLabel = "OLD/report.json",
      description =
          "An earlier run's report, for expectations such as 'accuracy drop vs baseline <= 0.01'.")
  Path baseline;

  @Option(names = "--quiet", description = "No progress on stderr; only failures on stdout.")
  boolean quiet;

  @Option(
      names = "--classpath",
      paramLabel = "PATHS",
      split = "[:;]",
      description =
          "Jars or class folders with a team's own model code (model: {class: ...}) or model"
              + " kinds (ServiceLoader), separated by ':' or repeated.")
  List<Path> classpath = List.of();

  @Option(
      names = "--list",
      description = "List the variant kinds and the models (model: kinds) with their parameters.")
  boolean list;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (list) {
      list(stdout);
      return GauntletCli.OK;
    }
    if (scenario == null) {
      throw new UserInputException(
          "SCENARIO.yaml",
          "nothing",
          "a scenario file",
          "give one, e.g. gauntlet run examples/scenarios/credit-under-pressure.yaml");
    }
    if (threads != null && threads < 1) {
      throw new UserInputException(
          "--threads " + threads,
          Integer.toString(threads),
          "1 or more threads",
          "use --threads 1 or more");
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = TeamClasspath.loader(classpath, previous)) {
      Thread.currentThread().setContextClassLoader(loader);
      return run(stdout, stderr);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private Integer run(PrintWriter stdout, PrintWriter stderr) {
    LoadedScenario loaded = ScenarioFiles.read(scenario);
    ScenarioSpec s = loaded.spec();
    if (seed != null) {
      s = s.withSeed(seed);
    }
    Path folder = scenario.toAbsolutePath().getParent();
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    ScenarioRunner runner =
        ScenarioRunner.withDefaults()
            .withThreads(t)
            .withSource(loaded.document().file())
            .withPlacer(loaded::placed);
    if (baseline != null) {
      runner = runner.withBaseline(ReportReader.read(baseline, "--baseline"));
    }
    Path dir =
        out != null
            ? out
            : Path.of(s.output().dir() != null ? s.output().dir() : "gauntlet-out/" + s.name());
    if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
      // checked before the run, so a bad --out costs nothing
      throw new UserInputException(
          "--out " + dir, "a file", "a folder for the reports", "name a folder, new or existing");
    }
    TerminalProgress progress = quiet ? null : TerminalProgress.of(stderr);
    if (progress != null) {
      runner =
          runner.withListener(
              new RunListener() {
                @Override
                public void stage(String what) {
                  progress.update(what, 0, 1, "");
                }

                @Override
                public void measured(String variant, double severity, int done, int total) {
                  progress.update(
                      "variants", done, total, variant + " at " + Figures.number(severity));
                }
              });
    }
    ScenarioResult result;
    try {
      result = runner.run(s, folder);
    } finally {
      if (progress != null) {
        progress.finish();
      }
    }
    RunInfo info = RunInfo.ofFile(scenario, t);
    ReportFiles.write(result, info, dir, List.of());
    print(result, stdout);
    if (!result.passed()) {
      stdout.println();
      for (Verdict v : result.failures()) {
        stdout.println("FAILED " + v.expectation().text());
        stdout.println("  measured: " + Figures.number(v.measured()) + whereOf(v));
        stdout.println(
            "  bound:    "
                + v.expectation().comparison().symbol()
                + " "
                + Figures.number(v.bound()));
        stdout.println("  seed:     " + result.seed());
      }
      stdout.println(
          "rerun: gauntlet run "
              + scenario
              + " --seed "
              + result.seed()
              + " (report: "
              + dir
              + ")");
      stdout.flush();
      return GauntletCli.CHECK_FAILED;
    }
    if (!quiet) {
      stdout.println("report: " + dir.resolve(ReportFiles.REPORT));
    }
    stdout.flush();
    return GauntletCli.OK;
  }

  private static String whereOf(Verdict v) {
    StringBuilder b = new StringBuilder();
    v.variant()
        .ifPresent(
            x ->
                b.append(" under ")
                    .append(x)
                    .append(" at ")
                    .append(Figures.number(v.severity().getAsDouble())));
    v.slice().ifPresent(x -> b.append(" in slice ").append(x));
    if (v.variant().isEmpty()) {
      b.append(" on the clean test rows");
    }
    if (v.value().hasInterval()) {
      b.append(" (")
          .append(v.expectation().metricId())
          .append(' ')
          .append(Figures.number(v.value().value()))
          .append(", interval [")
          .append(Figures.number(v.value().lo()))
          .append(", ")
          .append(Figures.number(v.value().hi()))
          .append("])");
    }
    return b.toString();
  }

  private void print(ScenarioResult r, PrintWriter out) {
    if (quiet) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s: seed %d, %s on %d training and %d test rows%n",
        r.name(),
        r.seed(),
        r.model(),
        r.trainRows(),
        r.testRows());
    StringBuilder clean = new StringBuilder("  clean:");
    r.clean()
        .metrics()
        .forEach(
            (id, m) -> clean.append(' ').append(id).append(' ').append(Figures.number(m.value())));
    out.println(clean);
    for (VariantResult v : r.sweeps()) {
      String headline = headline(r, v);
      StringBuilder line =
          new StringBuilder("  " + v.name() + " (" + v.kind() + "), " + headline + ":");
      for (PlaceResult p : v.places()) {
        line.append(' ')
            .append(Figures.number(p.severity()))
            .append('=')
            .append(Figures.number(p.metrics().get(headline).value()));
      }
      out.println(line);
    }
    for (Verdict v : r.verdicts()) {
      out.println("  " + (v.passed() ? "ok     " : "FAILED ") + v.message());
      for (BreakingPoint b : v.breakingPoints()) {
        if (b.severity().isPresent() && !b.mustHold()) {
          out.println(
              "         breaking point: "
                  + b.variant()
                  + " at "
                  + Figures.number(b.severity().getAsDouble())
                  + " (a finding; the expectation is not required there)");
        }
      }
    }
  }

  /** The figure a sweep's line shows: its kind's own metric, else the first outcome metric. */
  private static String headline(ScenarioResult r, VariantResult v) {
    PlaceResult first = v.places().get(0);
    for (String id : List.of("attack_success_rate", "backdoor_success_rate")) {
      if (first.metrics().containsKey(id)) {
        return id;
      }
    }
    return r.metrics().get(0);
  }

  private static void list(PrintWriter out) {
    VariantKind.Category category = null;
    for (VariantKind k : VariantKind.all()) {
      if (k.category() != category) {
        category = k.category();
        out.println(category.id() + ":");
      }
      out.println("  " + k.name());
      out.println("    " + k.description());
      if (!k.needs().isEmpty()) {
        out.println(
            "    needs a model that is " + k.needs().stream().map(c -> c.id()).sorted().toList());
      }
      if (k.classifiersOnly()) {
        out.println("    classifiers only (it acts on classes)");
      }
      if (!k.metrics().isEmpty()) {
        out.println("    reports " + k.metrics());
      }
      parameters(out, k.parameters());
    }
    out.println("models (model: kind):");
    for (ModelProvider m : Registry.models().all()) {
      out.println("  " + m.name());
      out.println("    " + m.description());
      out.println(
          "    "
              + (m.task() == ModelTask.REGRESSION
                  ? "predicts numbers (regression: mae, rmse, r2)"
                  : "predicts classes")
              + "; it is "
              + m.capabilities().stream().map(c -> c.id()).sorted().toList());
      parameters(out, m.parameters());
    }
    out.println();
    out.println(
        "Severities run from 0 (no change, for every kind) to 1. Metrics: gauntlet metrics.");
    out.println("Every catalogue id: " + MetricCatalog.ids().size() + " metrics.");
  }

  private static void parameters(PrintWriter out, List<Parameter> parameters) {
    for (Parameter p : parameters) {
      out.printf(
          Locale.ROOT,
          "      %-16s %s%s%n",
          p.name(),
          p.description(),
          p.required()
              ? " (required)"
              : p.defaultValue().isEmpty()
                  ? " (optional)"
                  : " (default: " + p.defaultValue() + ")");
    }
  }

  /** Figures for people: four significant digits. */
  static final class Figures {
    private Figures() {}

    static String number(double v) {
      if (Double.isNaN(v)) {
        return "NaN";
      }
      if (v == 0) {
        return "0";
      }
      return new java.math.BigDecimal(v)
          .round(new java.math.MathContext(4))
          .stripTrailingZeros()
          .toPlainString();
    }
  }
}
