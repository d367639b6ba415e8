package dev.gauntlet.scenario;

import dev.gauntlet.expectations.Measurements;
import dev.gauntlet.scenario.internal.Engine;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.Objects;

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

  private ScenarioRunner(int threads, RunListener listener, Measurements baseline, String source) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is not positive: " + threads);
    }
    this.threads = threads;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.baseline = baseline;
    this.source = source;
  }

  /** One thread, no progress, no earlier run. */
  public static ScenarioRunner withDefaults() {
    return new ScenarioRunner(1, RunListener.NONE, null, null);
  }

  /** Variants (and their severities) run on this many threads. */
  public ScenarioRunner withThreads(int newThreads) {
    return new ScenarioRunner(newThreads, listener, baseline, source);
  }

  public ScenarioRunner withListener(RunListener newListener) {
    return new ScenarioRunner(threads, newListener, baseline, source);
  }

  /** An earlier run, for {@code drop vs baseline} expectations. */
  public ScenarioRunner withBaseline(Measurements earlierRun) {
    return new ScenarioRunner(threads, listener, earlierRun, source);
  }

  /** The scenario file's name, for messages (default: the scenario's name). */
  public ScenarioRunner withSource(String fileName) {
    return new ScenarioRunner(threads, listener, baseline, fileName);
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
    return Engine.run(spec, folder, sourceOf(spec), threads, listener, baseline);
  }

  /**
   * Checks what the spec alone can tell (kinds, parameters, model capabilities, metric ids,
   * expectations), reading no data and training nothing.
   */
  public void validate(ScenarioSpec spec) {
    Engine.validate(spec, sourceOf(spec));
  }

  private String sourceOf(ScenarioSpec spec) {
    return source != null ? source : spec.name() == null ? "scenario" : spec.name();
  }
}
