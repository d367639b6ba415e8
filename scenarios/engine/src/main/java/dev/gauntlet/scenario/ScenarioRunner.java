package dev.gauntlet.scenario;

import dev.gauntlet.UserInputException;
import dev.gauntlet.expectations.Measurements;
import dev.gauntlet.scenario.internal.DatasetMaker;
import dev.gauntlet.scenario.internal.Engine;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.spi.ModelHandle;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Runs scenarios: data, split, training, the clean measurements, every variant at every severity,
 * then the expectations. The same spec and seed give the same result at any thread count.
 *
 * <pre>
 * ScenarioResult result = ScenarioRunner.withDefaults().withThreads(2).run(spec, folder);
 * </pre>
 */
public final class ScenarioRunner {
  private final int threads;
  private final RunListener listener;
  private final Measurements baseline;
  private final String source;
  private final UnaryOperator<UserInputException> placer;
  private final ModelHandle model;
  private final String modelName;

  private ScenarioRunner(
      int threads,
      RunListener listener,
      Measurements baseline,
      String source,
      UnaryOperator<UserInputException> placer,
      ModelHandle model,
      String modelName) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is not positive: " + threads);
    }
    this.threads = threads;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.baseline = baseline;
    this.source = source;
    this.placer = placer;
    this.model = model;
    this.modelName = modelName;
  }

  /** One thread, no progress, no earlier run. */
  public static ScenarioRunner withDefaults() {
    return new ScenarioRunner(1, RunListener.NONE, null, null, null, null, null);
  }

  /** Variants (and their severities) run on this many threads. */
  public ScenarioRunner withThreads(int newThreads) {
    return new ScenarioRunner(newThreads, listener, baseline, source, placer, model, modelName);
  }

  public ScenarioRunner withListener(RunListener newListener) {
    return new ScenarioRunner(threads, newListener, baseline, source, placer, model, modelName);
  }

  /** An earlier run, for {@code drop vs baseline} expectations. */
  public ScenarioRunner withBaseline(Measurements earlierRun) {
    return new ScenarioRunner(threads, listener, earlierRun, source, placer, model, modelName);
  }

  /**
   * Runs this model instead of the scenario's {@code model:} (a model a test trains or loads
   * itself); the run closes it.
   *
   * @param name the model's name in the result and the reports
   */
  public ScenarioRunner withModel(ModelHandle handle, String name) {
    return new ScenarioRunner(
        threads,
        listener,
        baseline,
        source,
        placer,
        Objects.requireNonNull(handle, "handle"),
        Objects.requireNonNull(name, "name"));
  }

  /** The scenario file's name, for messages (default: the scenario's name). */
  public ScenarioRunner withSource(String fileName) {
    return new ScenarioRunner(threads, listener, baseline, fileName, placer, model, modelName);
  }

  /**
   * Moves the errors the engine raises at {@code SOURCE (yaml.path)} (the source as given to {@link
   * #withSource}) to that value's line and column in the scenario file, as {@code
   * dev.gauntlet.scenario.yaml.LoadedScenario#placed} does: {@code withPlacer(loaded::placed)}.
   * Without one they name the scenario and the path.
   */
  public ScenarioRunner withPlacer(UnaryOperator<UserInputException> newPlacer) {
    return new ScenarioRunner(
        threads,
        listener,
        baseline,
        source,
        Objects.requireNonNull(newPlacer, "placer"),
        model,
        modelName);
  }

  /**
   * Runs a scenario. Problems with the scenario or its data are {@link
   * dev.gauntlet.UserInputException}s naming the place in the scenario.
   *
   * @param folder the folder relative paths in the spec resolve against (the scenario file's)
   */
  public ScenarioResult run(ScenarioSpec spec, Path folder) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(folder, "folder");
    try {
      return Engine.run(
          spec, folder, sourceOf(spec), threads, listener, baseline, model, modelName);
    } catch (UserInputException e) {
      throw located(e);
    }
  }

  /**
   * Makes a scenario's data without its model: the data section's rows and their split, and every
   * variant's rows that do not need the model (perturbed test rows, poisoned training rows,
   * synthetic rows), from the seeds a run uses: they equal what a run with {@code output:
   * {datasets: true}} writes. The scenario is validated first, as {@link #validate} does. {@link
   * GeneratedDatasets#write} writes them as CSV.
   *
   * @param folder the folder relative paths in the spec resolve against (the scenario file's)
   */
  public GeneratedDatasets generate(ScenarioSpec spec, Path folder) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(folder, "folder");
    try {
      Engine.validate(spec, sourceOf(spec));
      return DatasetMaker.make(spec, folder, sourceOf(spec), threads);
    } catch (UserInputException e) {
      throw located(e);
    }
  }

  /**
   * Checks what the spec alone can tell (kinds, parameters, model capabilities, metric ids,
   * expectations), reading no data and training nothing.
   */
  public void validate(ScenarioSpec spec) {
    try {
      Engine.validate(spec, sourceOf(spec));
    } catch (UserInputException e) {
      throw located(e);
    }
  }

  private UserInputException located(UserInputException e) {
    return placer == null ? e : placer.apply(e);
  }

  private String sourceOf(ScenarioSpec spec) {
    return source != null ? source : spec.name() == null ? "scenario" : spec.name();
  }
}
