package dev.gauntlet.scenario;

import dev.gauntlet.data.Table;

/**
 * Where a run says how far it has come. The CLI draws it like its other commands' progress; tests
 * and libraries pass {@link #NONE}. Called from the runner's worker threads, one call at a time.
 */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  /** A stage before the variants: {@code reading data}, {@code training the model}. */
  default void stage(String what) {}

  /**
   * The rows are split: the training rows the model is fitted on and the clean test rows it is
   * measured on (before any variant changes them). A test library hands them to its tests.
   */
  default void split(Table train, Table test) {}

  /**
   * A variant's severity is measured.
   *
   * @param variant its name
   * @param severity the severity done
   * @param done places measured so far
   * @param total places in all
   */
  default void measured(String variant, double severity, int done, int total) {}
}
