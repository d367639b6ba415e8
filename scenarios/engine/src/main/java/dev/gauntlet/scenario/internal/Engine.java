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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

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
  private ModelTask task;
  private Classifier base;
  // the trained model when the task is regression (base is then null)
  private Regressor regressor;
  private OutcomeScores.Decision decision;
  private List<Slice> slices;
  private int resamples;
  private double confidence;
  private int[][] cleanCounts;
  private double[][] cleanBoot;
  private double[] cleanValues;
  private Evaluation cleanEvaluation;
  private final Map<String, SyntheticFigures> syntheticFigures =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Planned(int index, VariantSpec spec, VariantKind kind, String where) {}

  /**
   * What a variant's model gave on its rows at one severity: classes and probabilities ({@code y},
   * {@code p}), or for a regressor its numbers ({@code numbers}; {@code y} and {@code p} null).
   */
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
    Map<String, Double> stages = new LinkedHashMap<>();
    check();
    stages.put("checks", (System.nanoTime() - start) / 1e9);
    listener.stage("reading data");
    long t = System.nanoTime();
    data = clock.time("data", () -> ScenarioData.load(spec, folder, root, source, task));
    slices = slices(data.split().test());
    listener.split(data.split().train(), data.split().test());
    Map<String, String> inputs = hashes(data.inputs());
    stages.put("data", (System.nanoTime() - t) / 1e9);

    listener.stage("training the model");
    t = System.nanoTime();
    handle =
        supplied != null
            ? Models.threadSafe(supplied)
            : Models.open(spec.model(), data.label(), folder, root.derive("model"), source);
    try {
      if (task == ModelTask.REGRESSION) {
        regressor = clock.time("fit", () -> handle.fitRegressor(data.split().train()));
        decision = OutcomeScores.Decision.ARGMAX;
      } else {
        base = clock.time("fit", () -> handle.fit(data.split().train()));
        decision = decision(base.classes());
      }
      cleanEvaluation = evaluateBase(data.split().test(), true);
      stages.put("training", (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      PlaceResult clean = measureClean();
      stages.put("baseline", (System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      List<VariantResult> sweeps = runVariants();
      stages.put("variants", (System.nanoTime() - t) / 1e9);
      ScenarioResult result =
          new ScenarioResult(
              spec.name() != null ? spec.name() : "scenario",
              root.value(),
              data.label(),
              base == null ? List.of() : base.classes(),
              supplied != null
                  ? suppliedName
                  : spec.model().className() != null
                      ? spec.model().className()
                      : spec.model().kindOrDefault(),
              data.split().train().rowCount(),
              data.split().test().rowCount(),
              metricIds,
              clean,
              sweeps,
              List.of(),
              inputs,
              Map.of());
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
      return result.withVerdicts(verdicts).withTimings(timings);
    } finally {
      handle.close();
    }
  }

  // ---- checks before anything runs

  private void check() {
    if (spec.output().datasetsOrDefault()) {
      // reserved in the spec; refused rather than ignored so nobody waits for files never written
      throw new UserInputException(
          source + " (output.datasets)",
          "true",
          "false: writing the generated datasets is not supported yet",
          "remove output.datasets (or set it to false)");
    }
    Set<ModelCapability> caps =
        supplied != null ? supplied.capabilities() : Models.capabilities(spec.model(), source);
    task = supplied != null ? supplied.task() : Models.task(spec.model(), source);
    Tasks.checkModel(task, spec.model(), source);
    Tasks.stratify(task, spec.split(), source);
    metricIds = new ArrayList<>();
    List<String> listed = spec.metrics().isEmpty() ? Tasks.defaultMetrics(task) : spec.metrics();
    for (int i = 0; i < listed.size(); i++) {
      String id = listed.get(i);
      String where = source + " (metrics[" + i + "])";
      MetricDefinition d = MetricCatalog.get(id, where);
      if (!Tasks.supportedMetrics(task).contains(id)) {
        throw Tasks.unsupportedMetric(where, d, task);
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
      Tasks.checkKind(task, kind, where + ".kind)");
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
        String g = v.params().getOrDefault("generator", "gaussian-copula");
        try {
          Registry.generators().get(g);
        } catch (UserInputException e) {
          throw new UserInputException(where + ".generator)", e.found(), e.expected(), e.fix(), e);
        }
      }
    }
  }

  private static double rate(VariantKind kind, Map<String, String> params, String where) {
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
    ClassProbabilities p = clock.time("predict", () -> model.predictProba(rows));
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
    double[] truth = clock.time("metrics", () -> Tasks.truth(rows, data.label()));
    return new Evaluation(
        null, null, new RegressionScores(metricIds, truth, predicted), paired, Map.of(), Map.of());
  }

  /** The scenario's trained model on these rows. */
  private Evaluation evaluateBase(Table rows, boolean paired) {
    return regressor != null ? evaluate(regressor, rows, paired) : evaluate(base, rows, paired);
  }

  /** The scenario's model refitted on {@code train}, on the clean test rows. */
  private Evaluation refit(Table train, Table test) {
    if (task == ModelTask.REGRESSION) {
      Regressor m = clock.time("fit", () -> handle.fitRegressor(train));
      return evaluate(m, test, true);
    }
    Classifier m = clock.time("fit", () -> handle.fit(train));
    return evaluate(m, test, true);
  }

  /** The metrics of rows {@code rows} (null: all) of an evaluation. */
  private double[] scores(Evaluation e, int[] rows) {
    return e.numbers != null
        ? e.numbers.compute(rows)
        : OutcomeScores.compute(metricIds, e.y, e.p, decision, rows);
  }

  /** The metrics of a bootstrap resample, given as a count per row, of an evaluation. */
  private Function<int[], double[]> resampled(Evaluation e) {
    if (e.numbers != null) {
      return e.numbers::of;
    }
    return new ResampledScores(metricIds, e.y, e.p, decision)::of;
  }

  private PlaceResult measureClean() {
    Evaluation e = cleanEvaluation;
    cleanValues = clock.time("metrics", () -> scores(e, null));
    resamples = spec.bootstrap().resamplesOrDefault();
    confidence = spec.bootstrap().confidenceOrDefault();
    Map<String, Measurement> metrics = new LinkedHashMap<>();
    if (resamples > 0) {
      cleanCounts = Bootstrap.counts(e.rows(), resamples, root.derive("bootstrap"));
      cleanBoot = new double[resamples][];
      clock.time(
          "bootstrap",
          () -> {
            Function<int[], double[]> scores = resampled(e);
            for (int b = 0; b < resamples; b++) {
              cleanBoot[b] = scores.apply(cleanCounts[b]);
            }
            return null;
          });
    }
    for (int m = 0; m < metricIds.size(); m++) {
      metrics.put(metricIds.get(m), interval(cleanValues[m], cleanBoot, m));
    }
    return new PlaceResult(
        0, e.rows(), true, metrics, Map.of(), sliceMetrics(e), Map.of(), reliability(e));
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

  private Map<String, Map<String, Measurement>> sliceMetrics(Evaluation e) {
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
            double[] v = scores(e, s.rows());
            for (int m = 0; m < v.length; m++) {
              out.get(metricIds.get(m)).put(s.description(), Measurement.of(v[m]));
            }
          }
          return null;
        });
    return out;
  }

  private PlaceResult measure(Evaluation e, double severity, Seed severitySeed) {
    double[] values = clock.time("metrics", () -> scores(e, null));
    double[][] boot = null;
    if (resamples > 0) {
      double[][] out = new double[resamples][];
      clock.time(
          "bootstrap",
          () -> {
            int[][] counts =
                e.paired
                    ? cleanCounts
                    : Bootstrap.counts(e.rows(), resamples, severitySeed.derive("bootstrap"));
            Function<int[], double[]> scores = resampled(e);
            for (int b = 0; b < resamples; b++) {
              out[b] = scores.apply(counts[b]);
            }
            return null;
          });
      boot = out;
    }
    Map<String, Measurement> metrics = new LinkedHashMap<>();
    Map<String, Measurement> drops = new LinkedHashMap<>();
    for (int m = 0; m < metricIds.size(); m++) {
      String id = metricIds.get(m);
      metrics.put(id, interval(values[m], boot, m));
      Direction dir = MetricCatalog.get(id, id).direction();
      double drop = dir.worsening(cleanValues[m], values[m]);
      if (boot == null) {
        drops.put(id, Measurement.of(drop));
      } else {
        double[] d = new double[resamples];
        for (int b = 0; b < resamples; b++) {
          d[b] = dir.worsening(cleanBoot[b][m], boot[b][m]);
        }
        drops.put(id, Bootstrap.interval(drop, d, confidence));
      }
    }
    e.extra.forEach((id, v) -> metrics.put(id, Measurement.of(v)));
    return new PlaceResult(
        severity, e.rows(), e.paired, metrics, drops, sliceMetrics(e), e.details, reliability(e));
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

  private List<VariantResult> runVariants() {
    int total = planned.stream().mapToInt(p -> p.spec.severityList().size()).sum();
    ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Function<Double, Evaluation>>> prepare = new ArrayList<>();
      for (Planned p : planned) {
        prepare.add(() -> prepare(p));
      }
      List<Function<Double, Evaluation>> prepared = all(pool, prepare);
      List<Callable<PlaceResult>> tasks = new ArrayList<>();
      int[] done = {0};
      for (int i = 0; i < planned.size(); i++) {
        Planned p = planned.get(i);
        Function<Double, Evaluation> run = prepared.get(i);
        for (double s : p.spec.severityList()) {
          tasks.add(
              () -> {
                Evaluation e = run.apply(s);
                PlaceResult r = measure(e, s, severitySeed(p, s));
                synchronized (done) {
                  done[0]++;
                  listener.measured(p.spec.name(), s, done[0], total);
                }
                return r;
              });
        }
      }
      List<PlaceResult> places = all(pool, tasks);
      List<VariantResult> out = new ArrayList<>();
      int k = 0;
      for (Planned p : planned) {
        int n = p.spec.severityList().size();
        out.add(
            new VariantResult(
                p.spec.name(),
                p.kind.name(),
                p.kind.category(),
                p.spec.params(),
                places.subList(k, k + n),
                syntheticFigures.get(p.spec.name())));
        k += n;
      }
      return out;
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
    List<T> out = new ArrayList<>();
    try {
      if (pool == null) {
        for (Callable<T> c : tasks) {
          out.add(c.call());
        }
        return out;
      }
      for (Future<T> f : pool.invokeAll(tasks)) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
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
            return cleanEvaluation;
          }
          Table t = clock.time("perturb", () -> pert.apply(test, s, severitySeed(p, s)));
          return evaluateBase(t, keeps && t.rowCount() == test.rowCount());
        };
      }
      case TRAINING_TIME -> trainingTime(p, train, test, label, params, where);
      case EVASION -> evasion(p, train, test, label, params, where);
      case SYNTHETIC -> {
        Seed seed = variantSeed(p);
        Table synthetic = clock.time("generator", () -> Synthetic.rows(train, params, seed, where));
        Synthetic.Report figures =
            clock.time(
                "synthetic-report",
                () ->
                    Synthetic.report(
                        train,
                        synthetic,
                        label,
                        seed.derive("report"),
                        task == ModelTask.CLASSIFICATION));
        syntheticFigures.put(p.spec.name(), figures.figures());
        Map<String, Double> report = figures.metrics();
        yield s -> {
          if (s == 0) {
            return with(cleanEvaluation, report, Map.of("synthetic_rows", 0.0));
          }
          int n = train.rowCount();
          int k = (int) Math.round(s * n);
          int[] perm = PermutationSampler.natural(n);
          UniformRandomProvider rng = severitySeed(p, s).rng();
          PermutationSampler.shuffle(rng, perm);
          boolean[] replaced = new boolean[n];
          for (int i = 0; i < k; i++) {
            replaced[perm[i]] = true;
          }
          List<Table> parts = new ArrayList<>();
          if (k < n) {
            parts.add(Variants.without(train, replaced));
          }
          if (k > 0) {
            parts.add(synthetic.slice(0, k));
          }
          Table mixed = Table.concat(parts);
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
            return cleanEvaluation;
          }
          Table poisoned = clock.time("perturb", () -> pert.apply(train, s, severitySeed(p, s)));
          Classifier m = clock.time("fit", () -> handle.fit(poisoned));
          return evaluate(m, test, true);
        };
      }
      case "label-leak" -> {
        Perturbation pert = perturbation(kind, params, where);
        return s -> {
          if (s == 0) {
            return cleanEvaluation;
          }
          Seed seed = severitySeed(p, s);
          Table leaky = clock.time("perturb", () -> pert.apply(train, s, seed));
          // At test time the leaking feature carries nothing: severity 0 draws it at random.
          Table testRows =
              clock.time("perturb", () -> pert.apply(test, 0, seed.derive("test-rows")));
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
            return with(cleanEvaluation, extra, details);
          }
          Table poisoned = clock.time("perturb", () -> pert.apply(train, s, seed));
          Classifier m = clock.time("fit", () -> handle.fit(poisoned));
          return with(evaluate(m, test, true), extra, details);
        };
      }
      case "near-boundary-flip" -> {
        double rate = rate(p.kind, params, where);
        return s -> {
          if (s == 0) {
            return cleanEvaluation;
          }
          Table poisoned =
              clock.time(
                  "perturb", () -> Poisoning.nearBoundaryFlip(handle::fit, train, label, rate * s));
          Classifier m = clock.time("fit", () -> handle.fit(poisoned));
          return evaluate(m, test, true);
        };
      }
      case "copy-test-rows" -> {
        double rate = rate(p.kind, params, where);
        return s -> {
          if (s == 0) {
            return cleanEvaluation;
          }
          Table leaky =
              clock.time(
                  "perturb", () -> Leakage.copyTestRows(train, test, rate * s, severitySeed(p, s)));
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
    boolean[] correct = new boolean[cleanEvaluation.y.length];
    int correctCount = 0;
    for (int r = 0; r < correct.length; r++) {
      correct[r] = cleanEvaluation.p.argmax(r) == cleanEvaluation.y[r];
      correctCount += correct[r] ? 1 : 0;
    }
    int denominator = correctCount;
    return s -> {
      if (s == 0) {
        return with(
            cleanEvaluation,
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
                            .run(base, test, seed);
                    case "decision-based" ->
                        EvasionAttack.decisionBased(norm, eps)
                            .withMaxQueries(queries)
                            .withDomain(domain)
                            .withScaleReference(train)
                            .run(base, test, seed);
                    case "fgsm" ->
                        GradientAttack.fgsm(norm, eps)
                            .withDomain(domain)
                            .withScaleReference(train)
                            .run((Differentiable) base, test, seed);
                    case "pgd" ->
                        GradientAttack.pgd(norm, eps)
                            .withSteps(steps)
                            .withDomain(domain)
                            .withScaleReference(train)
                            .run((Differentiable) base, test, seed);
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
          evaluate(base, r.adversarial(), true),
          Map.of(
              "attack_success_rate",
              denominator == 0 ? Double.NaN : (double) flipped / denominator),
          details);
    };
  }
}
