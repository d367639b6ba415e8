package dev.gauntlet.scenario.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.evaluation.Outcomes;
import dev.gauntlet.evaluation.Slice;
import dev.gauntlet.evaluation.Slices;
import dev.gauntlet.expectations.Expectation;
import dev.gauntlet.expectations.ExpectationParser;
import dev.gauntlet.expectations.ExpectationSyntaxException;
import dev.gauntlet.expectations.Expectations;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.expectations.Measurements;
import dev.gauntlet.expectations.Verdict;
import dev.gauntlet.generators.perturb.AttackResult;
import dev.gauntlet.generators.perturb.EvasionAttack;
import dev.gauntlet.generators.perturb.GradientAttack;
import dev.gauntlet.generators.perturb.Leakage;
import dev.gauntlet.generators.perturb.Poisoning;
import dev.gauntlet.metrics.Calibration;
import dev.gauntlet.metrics.Direction;
import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.metrics.MetricDefinition;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.model.Regressor;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.RunListener;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.SyntheticFigures;
import dev.gauntlet.scenario.VariantKind;
import dev.gauntlet.scenario.VariantResult;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.SliceSpec;
import dev.gauntlet.scenario.spec.VariantSpec;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelTask;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.ParameterValues;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one scenario. Everything the spec alone can tell is checked before any row is read; what
 * needs the rows (columns of slices) before any model is trained.
 *
 * <p>Seeds, from the root: {@code derive("data")} makes world or synthetic rows; {@code
 * derive("split")} splits; {@code derive("model")} seeds the model; {@code derive("bootstrap")}
 * draws the resamples of the test rows shared by the clean rows and every variant that keeps the
 * rows' identity (paired); {@code derive("variant:" + name)} is a variant's seed, so adding a
 * variant changes no other's figures; under it {@code derive("severity", bits of the severity)} is
 * a severity's, and a variant that does not keep row identity draws its resamples from that
 * severity's {@code derive("bootstrap")}.
 */
public final class Engine {
  private final ScenarioSpec spec;
  private final Path folder;
  private final String source;
  private final int threads;
  private final RunListener listener;
  // a model the caller supplies instead of the spec's (a test's own), or null
  private final ModelHandle supplied;
  private final String suppliedName;
  private final Clock clock = new Clock();
  private final Seed root;
  // looked up once: each lookup runs the ServiceLoader again
  private final Registry<PerturbationProvider> perturbations = Registry.perturbations();
  private final List<VariantKind> kinds = Variants.all(perturbations);

  // set by the run
  private List<String> metricIds;
  private List<Planned> planned;
  private List<Expectation> expectations;
  private ScenarioData data;
  private ModelHandle handle;
  private List<Slice> slices;
  private int resamples;
  private double confidence;
  private Tasks tasks;
  // the model fitted on the clean training rows, its decision rule and its clean evaluation: set by
  // one task, read by others through base(), decision() and clean(), which wait for it
  private Future<Void> fitted;
  private ModelTask task;
  private Classifier base;
  // the trained model when the task is regression (base is then null)
  private Regressor regressor;
  private OutcomeScores.Decision decision;
  private Evaluation cleanEvaluation;
  // the clean rows' resamples, shared by every place that keeps the rows' identity
  private Future<int[][]> cleanCounts;
  private final Map<String, SyntheticFigures> syntheticFigures =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final DatasetRecorder datasets;

  private record Planned(int index, VariantSpec spec, VariantKind kind, String where) {}

  /** What a variant's model gave on its rows at one severity. */
  private record Evaluation(
      int[] y,
      ClassProbabilities p,
      RegressionScores numbers,
      boolean paired,
      Map<String, Double> extra,
      Map<String, Double> details) {
    int rows() {
      return numbers != null ? numbers.rows() : y.length;
    }
  }

  private Engine(ScenarioSpec spec, Path folder, String source, int threads, RunListener listener) {
    this(spec, folder, source, threads, listener, null, null);
  }

  private Engine(
      ScenarioSpec spec,
      Path folder,
      String source,
      int threads,
      RunListener listener,
      ModelHandle supplied,
      String suppliedName) {
    this.supplied = supplied;
    this.suppliedName = suppliedName;
    this.spec = spec;
    this.folder = folder;
    this.source = source;
    this.threads = threads;
    this.listener = listener;
    this.root = Seed.of(spec.seedOrDefault());
    this.datasets = new DatasetRecorder(spec.output().datasetsOrDefault(), spec.variants());
  }

  /**
   * Runs a scenario.
   *
   * @param source the scenario's file name, for messages
   * @param earlier an earlier run for {@code drop vs baseline} expectations, or null
   */
  public static ScenarioResult run(
      ScenarioSpec spec,
      Path folder,
      String source,
      int threads,
      RunListener listener,
      Measurements earlier) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is not positive: " + threads);
    }
    return run(spec, folder, source, threads, listener, earlier, null, null);
  }

  /**
   * Runs a scenario with a model the caller supplies instead of the spec's {@code model:} (closed
   * after the run); {@code model} null runs the spec's.
   *
   * @param modelName the model's name in the result
   */
  public static ScenarioResult run(
      ScenarioSpec spec,
      Path folder,
      String source,
      int threads,
      RunListener listener,
      Measurements earlier,
      ModelHandle model,
      String modelName) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is not positive: " + threads);
    }
    return new Engine(spec, folder, source, threads, listener, model, modelName).run(earlier);
  }

  /** Checks what the spec alone can tell, without reading data or training. */
  public static void validate(ScenarioSpec spec, String source) {
    new Engine(spec, Path.of("."), source, 1, RunListener.NONE).check();
  }

  private ScenarioResult run(Measurements earlier) {
    long start = System.nanoTime();
    long cpuStart = Clock.threadCpuNanos();
    Map<String, Double> stages = new LinkedHashMap<>();
    check();
    stages.put("checks", (System.nanoTime() - start) / 1e9);
    listener.stage("reading data");
    long t = System.nanoTime();
    data = clock.time("data", () -> ScenarioData.load(spec, folder, root, source, task));
    slices = slices(data.split().test());
    datasets.clean(data);
    listener.split(data.split().train(), data.split().test());
    stages.put("data", (System.nanoTime() - t) / 1e9);

    listener.stage("training the model");
    t = System.nanoTime();
    handle =
        supplied != null
            ? Models.threadSafe(supplied)
            : Models.open(spec.model(), data.label(), folder, root.derive("model"), source);
    tasks = new Tasks(threads);
    try {
      resamples = spec.bootstrap().resamplesOrDefault();
      confidence = spec.bootstrap().confidenceOrDefault();
      fitted =
          tasks.submit(
              () -> {
                if (task == ModelTask.REGRESSION) {
                  regressor = clock.time("fit", () -> handle.fitRegressor(data.split().train()));
                  decision = OutcomeScores.Decision.ARGMAX;
                } else {
                  base = clock.time("fit", () -> handle.fit(data.split().train()));
                  decision = decision(base.classes());
                }
                cleanEvaluation =
                    task == ModelTask.REGRESSION
                        ? evaluate(regressor, data.split().test(), true)
                        : evaluate(base, data.split().test(), true);
                return null;
              });
      int testRows = data.split().test().rowCount();
      cleanCounts =
          tasks.submit(
              () ->
                  resamples == 0
                      ? null
                      : clock.time(
                          "bootstrap",
                          () -> Bootstrap.counts(testRows, resamples, root.derive("bootstrap"))));
      Future<Map<String, String>> inputs =
          tasks.submit(() -> clock.time("hash-inputs", () -> hashes(data.inputs())));
      Swept swept = runVariants();
      stages.put("models", (System.nanoTime() - t) / 1e9 - swept.mergeSeconds);
      t = System.nanoTime();
      ScenarioResult result =
          new ScenarioResult(
              spec.name() != null ? spec.name() : "scenario",
              root.value(),
              data.label(),
              task,
              baseClassesOrNone(),
              supplied != null
                  ? suppliedName
                  : spec.model().className() != null
                      ? spec.model().className()
                      : spec.model().kindOrDefault(),
              data.split().train().rowCount(),
              testRows,
              metricIds,
              swept.clean,
              swept.variants,
              List.of(),
              Tasks.join(inputs),
              Map.of(),
              datasets.datasets());
      stages.put("merge", swept.mergeSeconds + (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      List<Verdict> verdicts =
          earlier == null
              ? Expectations.evaluate(expectations, result)
              : Expectations.evaluate(expectations, result, earlier);
      stages.put("expectations", (System.nanoTime() - t) / 1e9);
      Map<String, Map<String, Double>> timings = new LinkedHashMap<>();
      timings.put("wall", Map.of("seconds", (System.nanoTime() - start) / 1e9));
      timings.put("stages", stages);
      timings.put("work", clock.seconds());
      if (Clock.timesCpu()) {
        // the calling thread's CPU time (a waiting thread spends none) and the pool's
        timings.put(
            "cpu",
            Map.of("seconds", (Clock.threadCpuNanos() - cpuStart) / 1e9 + tasks.poolCpuSeconds()));
        timings.put("work_cpu", clock.cpuSeconds());
      }
      return result.withVerdicts(verdicts).withTimings(timings);
    } finally {
      tasks.close();
      handle.close();
    }
  }

  private Classifier base() {
    Tasks.join(fitted);
    return base;
  }

  /** The base model's classes; {@code model} is the base model inside the task that fits it. */
  private List<String> baseClasses(Classifier model) {
    return model == base ? model.classes() : base().classes();
  }

  /** The base model's classes, or none for a regressor. */
  private List<String> baseClassesOrNone() {
    Tasks.join(fitted);
    return base == null ? List.of() : base.classes();
  }

  private OutcomeScores.Decision decision() {
    Tasks.join(fitted);
    return decision;
  }

  private Evaluation clean() {
    Tasks.join(fitted);
    return cleanEvaluation;
  }

  // ---- checks before anything runs

  private void check() {
    Set<ModelCapability> caps =
        supplied != null ? supplied.capabilities() : Models.capabilities(spec.model(), source);
    metricIds = new ArrayList<>();
    task = supplied != null ? supplied.task() : Models.task(spec.model(), source);
    TaskRules.checkModel(task, spec.model(), source);
    TaskRules.stratify(task, spec.split(), source);
    List<String> listed =
        spec.metrics().isEmpty() ? TaskRules.defaultMetrics(task) : spec.metrics();
    for (int i = 0; i < listed.size(); i++) {
      String id = listed.get(i);
      String where = source + " (metrics[" + i + "])";
      MetricDefinition d = MetricCatalog.get(id, where);
      if (!TaskRules.supportedMetrics(task).contains(id)) {
        throw TaskRules.unsupportedMetric(where, d, task);
      }
      if (OutcomeScores.needsProbabilities(id) && !caps.contains(ModelCapability.PROBABILITIES)) {
        if (spec.metrics().isEmpty()) {
          continue;
        }
        throw new UserInputException(
            where, id, "a metric of predicted classes", "the model gives no probabilities");
      }
      if (!metricIds.contains(id)) {
        metricIds.add(id);
      }
    }
    planned = new ArrayList<>();
    Map<String, List<Double>> severities = new LinkedHashMap<>();
    for (int i = 0; i < spec.variants().size(); i++) {
      VariantSpec v = spec.variants().get(i);
      String where = source + " (variants[" + i + "]";
      VariantKind kind = Variants.get(kinds, v.kindOrDefault(), where + ".kind)");
      TaskRules.checkKind(task, kind, where + ".kind)");
      for (ModelCapability need : kind.needs()) {
        if (!caps.contains(need)) {
          throw new UserInputException(
              where + ".kind)",
              "kind " + kind.name() + ", which needs a model that is " + need.id(),
              "a kind the model supports: it is " + caps.stream().map(ModelCapability::id).toList(),
              need == ModelCapability.INPUT_GRADIENTS
                  ? "use score-based or decision-based, or a differentiable model"
                      + " (logistic-regression, mlp)"
                  : "use a model that is " + need.id() + ", or remove the variant");
        }
      }
      checkParams(kind, v, where + ".params");
      planned.add(new Planned(i, v, kind, where));
      severities.put(v.name(), v.severityList());
    }
    ExpectationParser parser = ExpectationParser.forVariants(severities);
    expectations = new ArrayList<>();
    for (int i = 0; i < spec.expectations().size(); i++) {
      try {
        expectations.add(parser.parse(spec.expectations().get(i)));
      } catch (ExpectationSyntaxException e) {
        throw e.toUserInput(source + " (expectations[" + i + "])");
      }
    }
  }

  private void checkParams(VariantKind kind, VariantSpec v, String where) {
    switch (kind.category()) {
      case TEST_TIME -> perturbation(kind.name(), v.params(), where);
      case TRAINING_TIME -> {
        if (Variants.TRAINING_PERTURBATIONS.contains(kind.name())) {
          perturbation(kind.name(), v.params(), where);
        } else {
          rate(kind, v.params(), where);
        }
      }
      case EVASION -> {
        ParameterValues p = Variants.values(kind, v.params(), where);
        Variants.norm(p.text("norm"), where);
        p.atLeast("epsilon", 0);
      }
      case SYNTHETIC -> {
        Synthetic.rowCount(v.params(), 1, where);
        String g = v.params().getOrDefault("generator", "gaussian-copula");
        try {
          Registry.generators().get(g);
        } catch (UserInputException e) {
          throw new UserInputException(where + ".generator)", e.found(), e.expected(), e.fix(), e);
        }
      }
    }
  }

  static double rate(VariantKind kind, Map<String, String> params, String where) {
    double r = Variants.values(kind, params, where).atLeast("rate", 0);
    if (r > 1) {
      throw new UserInputException(
          where + ".rate)", Double.toString(r), "a share within [0, 1]", "e.g. rate: 0.1");
    }
    return r;
  }

  private Perturbation perturbation(String name, Map<String, String> params, String where) {
    PerturbationProvider p = perturbations.get(name);
    try {
      return p.create(params);
    } catch (UserInputException e) {
      throw new UserInputException(where + ") " + e.where(), e.found(), e.expected(), e.fix(), e);
    }
  }

  private List<Slice> slices(Table test) {
    List<Slice> out = new ArrayList<>();
    for (int i = 0; i < spec.slices().size(); i++) {
      SliceSpec s = spec.slices().get(i);
      if (!test.schema().contains(s.column())) {
        String close = Variants.closest(s.column(), test.schema().names());
        throw new UserInputException(
            source + " (slices[" + i + "].column)",
            UserInputException.quote(s.column()),
            "a column of the data: "
                + test.schema().names()
                + (close == null ? "" : " (did you mean " + close + "?)"),
            "name a column of the data");
      }
      out.addAll(Slices.of(test, s.column(), s.binsOrDefault()));
    }
    return out;
  }

  private OutcomeScores.Decision decision(List<String> classes) {
    if (spec.model().threshold() == null && spec.model().positive() == null) {
      return OutcomeScores.Decision.ARGMAX;
    }
    if (classes.size() != 2) {
      throw new UserInputException(
          source + " (model.threshold)",
          "a threshold for a model of " + classes.size() + " classes " + classes,
          "a binary model",
          "remove threshold and positive");
    }
    int positive = 1;
    if (spec.model().positive() != null) {
      positive = classes.indexOf(spec.model().positive());
      if (positive < 0) {
        throw new UserInputException(
            source + " (model.positive)",
            UserInputException.quote(spec.model().positive()),
            "one of the model's classes " + classes,
            "name one of the classes");
      }
    }
    return new OutcomeScores.Decision(positive, spec.model().thresholdOrDefault());
  }

  private static Map<String, String> hashes(Map<String, Path> inputs) {
    Map<String, String> out = new LinkedHashMap<>();
    inputs.forEach((name, path) -> out.put(name, sha256(path)));
    return out;
  }

  /** The SHA-256 of a file, in lower-case hex. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UserInputException(
          file.getFileName().toString(), "unreadable: " + e.getMessage(), "a readable file", "");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- measuring

  private Evaluation evaluate(Classifier model, Table rows, boolean paired) {
    ClassProbabilities p =
        clock.time(
            "predict", () -> Variants.onClasses(model.predictProba(rows), baseClasses(model)));
    int[] y = clock.time("metrics", () -> Outcomes.trueClasses(rows, data.label(), p.classes()));
    return new Evaluation(y, p, null, paired, Map.of(), Map.of());
  }

  private Evaluation evaluate(Regressor model, Table rows, boolean paired) {
    double[] predicted = clock.time("predict", () -> model.predict(rows));
    if (predicted == null || predicted.length != rows.rowCount()) {
      throw new UserInputException(
          source + " (model)",
          "a regressor whose predict gave "
              + (predicted == null ? "null" : predicted.length + " numbers")
              + " for "
              + rows.rowCount()
              + " rows",
          "one number per row",
          "return one prediction per row of the table from predict");
    }
    double[] truth = clock.time("metrics", () -> TaskRules.truth(rows, data.label()));
    return new Evaluation(
        null, null, new RegressionScores(metricIds, truth, predicted), paired, Map.of(), Map.of());
  }

  /** The scenario's trained model on these rows (after the task that fits it). */
  private Evaluation evaluateBase(Table rows, boolean paired) {
    return task == ModelTask.REGRESSION
        ? evaluate(regressor(), rows, paired)
        : evaluate(base(), rows, paired);
  }

  private Regressor regressor() {
    Tasks.join(fitted);
    return regressor;
  }

  /** The scenario's model refitted on {@code train}, on {@code test}. */
  private Evaluation refit(Table train, Table test) {
    if (task == ModelTask.REGRESSION) {
      Regressor m = clock.time("fit", () -> handle.fitRegressor(train));
      return evaluate(m, test, true);
    }
    Classifier m = clock.time("fit", () -> handle.fit(train));
    return evaluate(m, test, true);
  }

  /** The metrics of rows {@code rows} (null: all) of an evaluation. */
  private double[] scores(Evaluation e, OutcomeScores.Decision rule, int[] rows) {
    return e.numbers != null
        ? e.numbers.compute(rows)
        : OutcomeScores.compute(metricIds, e.y, e.p, rule, rows);
  }

  /** The metrics of a bootstrap resample, given as a count per row, of an evaluation. */
  private Function<int[], double[]> resampled(Evaluation e, OutcomeScores.Decision rule) {
    if (e.numbers != null) {
      return e.numbers::of;
    }
    return new ResampledScores(metricIds, e.y, e.p, rule)::of;
  }

  /** A place's figures before its drops, which need the clean rows' resamples. */
  private record Measured(
      double[] values,
      double[][] boot,
      Map<String, Measurement> metrics,
      Map<String, Map<String, Measurement>> slices,
      List<Calibration.Bin> reliability) {}

  /**
   * The metrics of an evaluation with their intervals, its slices and reliability diagram. Its
   * resamples are the clean rows' when it keeps their identity, else drawn from {@code
   * severitySeed.derive("bootstrap")}.
   */
  private Measured measure(Evaluation e, Seed severitySeed) {
    OutcomeScores.Decision rule = decision();
    double[] values = clock.time("metrics", () -> scores(e, rule, null));
    double[][] boot = null;
    Map<String, Measurement> metrics = new LinkedHashMap<>();
    if (resamples > 0) {
      int[][] counts =
          e.paired
              ? Tasks.join(cleanCounts)
              : clock.time(
                  "bootstrap",
                  () -> Bootstrap.counts(e.rows(), resamples, severitySeed.derive("bootstrap")));
      boot =
          clock.time(
              "bootstrap",
              () -> {
                double[][] out = new double[resamples][];
                Function<int[], double[]> scores = resampled(e, rule);
                for (int b = 0; b < resamples; b++) {
                  out[b] = scores.apply(counts[b]);
                }
                return out;
              });
    }
    double[][] resampled = boot;
    clock.time(
        "bootstrap",
        () -> {
          for (int m = 0; m < metricIds.size(); m++) {
            metrics.put(metricIds.get(m), interval(values[m], resampled, m));
          }
          return null;
        });
    return new Measured(values, boot, metrics, sliceMetrics(e, rule), reliability(e));
  }

  /** The clean rows' place. */
  private PlaceResult cleanPlace(Measured clean) {
    return new PlaceResult(
        0,
        cleanEvaluation.rows(),
        true,
        clean.metrics,
        Map.of(),
        clean.slices,
        Map.of(),
        clean.reliability);
  }

  /** A variant's place: its metrics, their drops from the clean rows' and the variant's own. */
  private PlaceResult place(Evaluation e, double severity, Measured m, Measured clean) {
    Map<String, Measurement> metrics = new LinkedHashMap<>(m.metrics);
    Map<String, Measurement> drops = new LinkedHashMap<>();
    for (int i = 0; i < metricIds.size(); i++) {
      String id = metricIds.get(i);
      Direction dir = MetricCatalog.get(id, id).direction();
      double drop = dir.worsening(clean.values[i], m.values[i]);
      if (m.boot == null) {
        drops.put(id, Measurement.of(drop));
      } else {
        double[] d = new double[resamples];
        for (int b = 0; b < resamples; b++) {
          d[b] = dir.worsening(clean.boot[b][i], m.boot[b][i]);
        }
        drops.put(id, Bootstrap.interval(drop, d, confidence));
      }
    }
    e.extra.forEach((id, v) -> metrics.put(id, Measurement.of(v)));
    return new PlaceResult(
        severity, e.rows(), e.paired, metrics, drops, m.slices, e.details, m.reliability);
  }

  private Measurement interval(double value, double[][] boot, int m) {
    if (boot == null) {
      return Measurement.of(value);
    }
    double[] col = new double[boot.length];
    for (int b = 0; b < boot.length; b++) {
      col[b] = boot[b][m];
    }
    return Bootstrap.interval(value, col, confidence);
  }

  private Map<String, Map<String, Measurement>> sliceMetrics(
      Evaluation e, OutcomeScores.Decision rule) {
    Map<String, Map<String, Measurement>> out = new LinkedHashMap<>();
    if (!e.paired || slices.isEmpty()) {
      return out;
    }
    for (String id : metricIds) {
      out.put(id, new LinkedHashMap<>());
    }
    clock.time(
        "metrics",
        () -> {
          for (Slice s : slices) {
            double[] v = scores(e, rule, s.rows());
            for (int m = 0; m < v.length; m++) {
              out.get(metricIds.get(m)).put(s.description(), Measurement.of(v[m]));
            }
          }
          return null;
        });
    return out;
  }

  /** The reliability diagram of the top-class probabilities, as ClassificationMetrics bins it. */
  private List<Calibration.Bin> reliability(Evaluation e) {
    if (e.numbers != null) {
      return List.of(); // a regressor has no probabilities to calibrate
    }
    return clock.time(
        "metrics",
        () -> {
          double[] confidence = new double[e.y.length];
          boolean[] correct = new boolean[e.y.length];
          for (int r = 0; r < e.y.length; r++) {
            int predicted = e.p.argmax(r);
            confidence[r] = e.p.get(r, predicted);
            correct[r] = predicted == e.y[r];
          }
          return Calibration.of(confidence, correct, false).bins();
        });
  }

  // ---- variants

  /** The clean place, the variants' sweeps in the scenario's order, and the merge's seconds. */
  private record Swept(PlaceResult clean, List<VariantResult> variants, double mergeSeconds) {}

  /** A place's evaluation and its figures (null: the clean rows' figures, as it has their rows). */
  private record Done(Evaluation evaluation, Measured measured) {}

  private VariantResult sweep(Planned p, List<Done> places, Measured clean) {
    List<PlaceResult> sweep = new ArrayList<>();
    List<Double> severities = p.spec.severityList();
    for (int j = 0; j < severities.size(); j++) {
      Done d = places.get(j);
      Measured m = d.measured != null ? d.measured : clean;
      sweep.add(place(d.evaluation, severities.get(j), m, clean));
    }
    return new VariantResult(
        p.spec.name(),
        p.kind.name(),
        p.kind.category(),
        p.spec.params(),
        sweep,
        syntheticFigures.get(p.spec.name()));
  }

  /** One variant at one severity, the {@code j}-th of its sweep. */
  private record Place(Planned p, int j, double s) {
    static final int CHEAP = 2;

    /** Which tasks to start first: 0 refits and generators, 1 attacks, 2 the rest. */
    int cost() {
      return switch (p.kind.category()) {
        case TRAINING_TIME -> "backdoor".equals(p.kind.name()) || s != 0 ? 0 : CHEAP;
        case SYNTHETIC -> s != 0 ? 0 : CHEAP;
        case EVASION -> s != 0 ? 1 : CHEAP;
        case TEST_TIME -> CHEAP;
      };
    }
  }

  /**
   * Every variant at every severity, one task per place, beside the model's fit, the clean rows'
   * figures and each variant's preparation as tasks of their own. Places that take long (refits,
   * attacks) are submitted first, a task waits only for tasks submitted before it, and the figures
   * are merged in the scenario's order: the order tasks run in changes no figure.
   */
  private Swept runVariants() {
    int total = planned.stream().mapToInt(p -> p.spec.severityList().size()).sum();
    List<Planned> byPreparation = new ArrayList<>(planned);
    // a generator's fit first: its variant's places wait for it
    byPreparation.sort(
        Comparator.comparingInt(p -> p.kind.category() == VariantKind.Category.SYNTHETIC ? 0 : 1));
    Map<Integer, Future<Function<Double, Evaluation>>> preparations = new HashMap<>();
    for (Planned p : byPreparation) {
      preparations.put(p.index, tasks.submit(() -> placedAt(p, () -> prepare(p))));
    }
    List<Place> order = new ArrayList<>();
    for (Planned p : planned) {
      List<Double> severities = p.spec.severityList();
      for (int j = 0; j < severities.size(); j++) {
        order.add(new Place(p, j, severities.get(j)));
      }
    }
    order.sort(Comparator.comparingInt(Place::cost)); // stable: the scenario's order within a cost
    int[] done = {0};
    List<List<Future<Done>>> futures = new ArrayList<>();
    for (Planned p : planned) {
      futures.add(new ArrayList<>(Collections.nCopies(p.spec.severityList().size(), null)));
    }
    Future<Measured> clean = null;
    for (Place x : order) {
      if (clean == null && x.cost() >= Place.CHEAP) {
        clean = tasks.submit(() -> measure(clean(), null));
      }
      Future<Function<Double, Evaluation>> run = preparations.get(x.p.index);
      futures
          .get(x.p.index)
          .set(
              x.j,
              tasks.submit(
                  () -> {
                    Function<Double, Evaluation> prepared = Tasks.join(run);
                    Evaluation e = placedAt(x.p, () -> prepared.apply(x.s));
                    Evaluation c = clean();
                    // severity 0 of most kinds is the clean evaluation itself: its figures are
                    // those (a regressor's evaluations have no y and p, only numbers)
                    boolean same = e.y == c.y && e.p == c.p && e.numbers == c.numbers;
                    Measured m = same ? null : measure(e, severitySeed(x.p, x.s));
                    synchronized (done) {
                      done[0]++;
                      listener.measured(x.p.spec.name(), x.s, done[0], total);
                    }
                    return new Done(e, m);
                  }));
    }
    if (clean == null) {
      clean = tasks.submit(() -> measure(clean(), null));
    }
    Measured cleanFigures = Tasks.join(clean);
    List<List<Done>> results = new ArrayList<>();
    for (List<Future<Done>> sweep : futures) {
      results.add(sweep.stream().map(Tasks::join).toList());
    }
    long t = System.nanoTime();
    List<Future<VariantResult>> merged = new ArrayList<>();
    for (Planned p : planned) {
      // mostly the drops' intervals, which need the clean rows' resamples
      merged.add(
          tasks.submit(
              () -> clock.time("bootstrap", () -> sweep(p, results.get(p.index), cleanFigures))));
    }
    List<VariantResult> out = merged.stream().map(Tasks::join).toList();
    return new Swept(cleanPlace(cleanFigures), out, (System.nanoTime() - t) / 1e9);
  }

  /**
   * Runs a variant's work, placing a user error it raises at the variant in the scenario: a
   * perturbation that finds no column {@code agee} in the rows only knows its own parameter ({@code
   * covariate-shift: column}), the scenario knows it is {@code variants[0].params.column}.
   */
  private static <T> T placedAt(Planned p, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (UserInputException e) {
      if (e.where().startsWith(p.where)) {
        throw e;
      }
      String kind = p.kind.name() + ": ";
      String param =
          e.where().startsWith(kind) ? e.where().substring(kind.length()).split(" ", 2)[0] : "";
      String at = p.spec.params().containsKey(param) ? p.where + ".params." + param : p.where;
      throw new UserInputException(at + ") " + e.where(), e.found(), e.expected(), e.fix(), e);
    }
  }

  private Seed variantSeed(Planned p) {
    return root.derive("variant:" + p.spec.name());
  }

  private Seed severitySeed(Planned p, double s) {
    return variantSeed(p).derive("severity", Double.doubleToLongBits(s));
  }

  /** The variant's work that does not depend on the severity, and a function of the severity. */
  private Function<Double, Evaluation> prepare(Planned p) {
    Table train = data.split().train();
    Table test = data.split().test();
    String label = data.label();
    Map<String, String> params = p.spec.params();
    String where = p.where + ".params";
    String kind = p.kind.name();
    return switch (p.kind.category()) {
      case TEST_TIME -> {
        Perturbation pert = perturbation(kind, params, where);
        boolean keeps = pert.keepsRowIdentity();
        yield s -> {
          if (s == 0) {
            return clean();
          }
          Table t = clock.time("perturb", () -> pert.apply(test, s, severitySeed(p, s)));
          datasets.rows(p.spec.name(), s, "test", t);
          return evaluateBase(t, keeps && t.rowCount() == test.rowCount());
        };
      }
      case TRAINING_TIME -> trainingTime(p, train, test, label, params, where);
      case EVASION -> evasion(p, train, test, label, params, where);
      case SYNTHETIC -> {
        Seed seed = variantSeed(p);
        String addClass = Synthetic.addClass(params, train, label, where);
        Table synthetic = clock.time("generator", () -> Synthetic.rows(train, params, seed, where));
        datasets.synthetic(p.spec.name(), synthetic);
        Synthetic.Report figures =
            clock.time(
                "synthetic-report",
                () ->
                    Synthetic.report(
                        train,
                        test,
                        synthetic,
                        label,
                        seed.derive("report"),
                        task == ModelTask.CLASSIFICATION));
        syntheticFigures.put(p.spec.name(), figures.figures());
        Map<String, Double> report = figures.metrics();
        yield s -> {
          if (s == 0) {
            return with(clean(), report, Map.of("synthetic_rows", 0.0));
          }
          Table mixed =
              Synthetic.trainingRows(
                  train, synthetic, s, label, addClass, severitySeed(p, s).rng());
          // rows replaced, or rows added: either way the synthetic rows the model saw
          int k =
              addClass == null
                  ? (int) Math.min(Math.round(s * train.rowCount()), synthetic.rowCount())
                  : mixed.rowCount() - train.rowCount();
          return with(refit(mixed, test), report, Map.of("synthetic_rows", (double) k));
        };
      }
    };
  }

  private static Evaluation with(
      Evaluation e, Map<String, Double> extra, Map<String, Double> details) {
    Map<String, Double> x = new LinkedHashMap<>(e.extra);
    x.putAll(extra);
    Map<String, Double> d = new LinkedHashMap<>(e.details);
    d.putAll(details);
    return new Evaluation(e.y, e.p, e.numbers, e.paired, x, d);
  }

  private Function<Double, Evaluation> trainingTime(
      Planned p, Table train, Table test, String label, Map<String, String> params, String where) {
    String kind = p.kind.name();
    switch (kind) {
      case "label-flip" -> {
        Perturbation pert = perturbation(kind, params, where);
        return s -> {
          if (s == 0) {
            return clean();
          }
          Table poisoned = clock.time("perturb", () -> pert.apply(train, s, severitySeed(p, s)));
          datasets.rows(p.spec.name(), s, "train", poisoned);
          Classifier m = clock.time("fit", () -> handle.fit(poisoned));
          return evaluate(m, test, true);
        };
      }
      case "label-leak" -> {
        Perturbation pert = perturbation(kind, params, where);
        return s -> {
          if (s == 0) {
            return clean();
          }
          Seed seed = severitySeed(p, s);
          Table leaky = clock.time("perturb", () -> pert.apply(train, s, seed));
          // At test time the leaking feature carries nothing.
          Table testRows = clock.time("perturb", () -> Variants.leakFreeTestRows(pert, test, seed));
          datasets.rows(p.spec.name(), s, "train", leaky);
          datasets.rows(p.spec.name(), s, "test", testRows);
          Classifier m = clock.time("fit", () -> handle.fit(leaky));
          return evaluate(m, testRows, true);
        };
      }
      case "backdoor" -> {
        Perturbation pert = perturbation(kind, params, where);
        double rate =
            Double.parseDouble(
                params.getOrDefault("rate", defaultOf(perturbations.get(kind), "rate")));
        return s -> {
          Seed seed = severitySeed(p, s);
          Map<String, String> scaled = new HashMap<>(params);
          scaled.put("rate", Double.toString(rate * s));
          Poisoning.BackdoorResult r =
              clock.time(
                  "fit", () -> Poisoning.backdoor(handle::fit, train, test, label, scaled, seed));
          Map<String, Double> extra = Map.of("backdoor_success_rate", r.attackSuccessRate());
          Map<String, Double> details = new LinkedHashMap<>();
          details.put("training_rows_with_trigger_and_target", (double) r.poisonedRows());
          details.put("triggered_rows", (double) r.triggeredRows());
          details.put("clean_model_trigger_rate", r.baselineTriggerRate());
          if (s == 0) {
            return with(clean(), extra, details);
          }
          Table poisoned = clock.time("perturb", () -> pert.apply(train, s, seed));
          datasets.rows(p.spec.name(), s, "train", poisoned);
          Classifier m = clock.time("fit", () -> handle.fit(poisoned));
          return with(evaluate(m, test, true), extra, details);
        };
      }
      case "near-boundary-flip" -> {
        double rate = rate(p.kind, params, where);
        return s -> {
          if (s == 0) {
            return clean();
          }
          Table poisoned =
              clock.time(
                  "perturb", () -> Poisoning.nearBoundaryFlip(handle::fit, train, label, rate * s));
          datasets.rows(p.spec.name(), s, "train", poisoned);
          Classifier m = clock.time("fit", () -> handle.fit(poisoned));
          return evaluate(m, test, true);
        };
      }
      case "copy-test-rows" -> {
        double rate = rate(p.kind, params, where);
        return s -> {
          if (s == 0) {
            return clean();
          }
          Table leaky =
              clock.time(
                  "perturb", () -> Leakage.copyTestRows(train, test, rate * s, severitySeed(p, s)));
          datasets.rows(p.spec.name(), s, "train", leaky);
          return refit(leaky, test);
        };
      }
      default -> throw new IllegalStateException("training-time kind without a runner: " + kind);
    }
  }

  private static String defaultOf(PerturbationProvider p, String name) {
    for (Parameter x : p.parameters()) {
      if (x.name().equals(name)) {
        return x.defaultValue();
      }
    }
    throw new IllegalStateException(p.name() + " has no parameter " + name);
  }

  private Function<Double, Evaluation> evasion(
      Planned p, Table train, Table test, String label, Map<String, String> params, String where) {
    ParameterValues v = Variants.values(p.kind, params, where);
    EvasionAttack.Norm norm = Variants.norm(v.text("norm"), where);
    double epsilon = v.atLeast("epsilon", 0);
    Map<String, String> domain = new LinkedHashMap<>();
    domain.put("label", label);
    for (String key : List.of("immutable", "ranges")) {
      if (!v.text(key).isEmpty()) {
        domain.put(key, v.text(key));
      }
    }
    String kind = p.kind.name();
    int queries = kind.endsWith("-based") ? v.integer("max-queries", 2, 1_000_000) : 0;
    int steps = kind.equals("pgd") ? v.integer("steps", 1, 10_000) : 1;
    return s -> {
      // the rows the clean model gets right, here rather than before: preparing waits for no fit
      Evaluation clean = clean();
      boolean[] correct = new boolean[clean.y.length];
      int denominator = 0;
      for (int r = 0; r < correct.length; r++) {
        correct[r] = clean.p.argmax(r) == clean.y[r];
        denominator += correct[r] ? 1 : 0;
      }
      if (s == 0) {
        return with(
            clean(),
            Map.of("attack_success_rate", denominator == 0 ? Double.NaN : 0.0),
            Map.of("epsilon", 0.0));
      }
      double eps = s * epsilon;
      Seed seed = severitySeed(p, s);
      AttackResult r =
          clock.time(
              "attack",
              () ->
                  switch (kind) {
                    case "score-based" ->
                        EvasionAttack.scoreBased(norm, eps)
                            .withMaxQueries(queries)
                            .withDomain(domain)
                            .withScaleReference(train)
                            .run(base(), test, seed);
                    case "decision-based" ->
                        EvasionAttack.decisionBased(norm, eps)
                            .withMaxQueries(queries)
                            .withDomain(domain)
                            .withScaleReference(train)
                            .run(base(), test, seed);
                    case "fgsm" ->
                        GradientAttack.fgsm(norm, eps)
                            .withDomain(domain)
                            .withScaleReference(train)
                            .run((Differentiable) base(), test, seed);
                    case "pgd" ->
                        GradientAttack.pgd(norm, eps)
                            .withSteps(steps)
                            .withDomain(domain)
                            .withScaleReference(train)
                            .run((Differentiable) base(), test, seed);
                    default -> throw new IllegalStateException("no attack " + kind);
                  });
      int flipped = 0;
      for (int row : r.successfulRows()) {
        flipped += correct[row] ? 1 : 0;
      }
      Map<String, Double> details = new LinkedHashMap<>();
      details.put("epsilon", eps);
      details.put("successes", (double) r.successes());
      details.put("mean_queries", r.meanQueries());
      return with(
          evaluate(base(), r.adversarial(), true),
          Map.of(
              "attack_success_rate",
              denominator == 0 ? Double.NaN : (double) flipped / denominator),
          details);
    };
  }
}
