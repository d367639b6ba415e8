package dev.gauntlet.scenario.spec;

/**
 * Typed factories for the built-in variant kinds that change rows: test-time perturbations, and the
 * training-time ones (poisoning, leakage) that refit the model. Each gives a variant named after
 * its kind, with default parameters and severities; chain {@link VariantSpec#withName}, {@link
 * VariantSpec#withParam}, {@link VariantSpec#withSweep} or {@link VariantSpec#withSeverities}:
 *
 * <pre>
 * ScenarioSpec.builder()
 *     .variant(Perturbations.covariateShift().withName("older").withParam("column", "age").withSweep(4))
 *     .variant(Perturbations.named("my-team-perturbation"))
 * </pre>
 *
 * <p>{@code gauntlet run --list} shows every kind with its parameters and defaults. A test checks
 * that every registered built-in kind has a factory here or in {@link Attacks} or {@link
 * Generators}.
 */
public final class Perturbations {
  private Perturbations() {}

  /**
   * A perturbation a team registered itself (through {@code
   * META-INF/services/dev.gauntlet.spi.PerturbationProvider}), by its name; the engine checks the
   * name when the scenario runs.
   */
  public static VariantSpec named(String kind) {
    return VariantSpec.of(kind, kind);
  }

  /**
   * {@code concept-drift} (test-time): flip labels in a region (one numeric column above or below a
   * quantile). Parameters: column (required), quantile, side, rate.
   */
  public static VariantSpec conceptDrift() {
    return VariantSpec.of("concept-drift", "concept-drift");
  }

  /**
   * {@code concept-shift} (test-time): relabel every row with a known world's label rule changed
   * (data from the world generator). Parameters: world (required), weights, intercept, thresholds.
   */
  public static VariantSpec conceptShift() {
    return VariantSpec.of("concept-shift", "concept-shift");
  }

  /**
   * {@code covariate-shift} (test-time): shift numeric columns by a number of their standard
   * deviations and scale their spread. Parameters: columns or column, shift, scale.
   */
  public static VariantSpec covariateShift() {
    return VariantSpec.of("covariate-shift", "covariate-shift");
  }

  /**
   * {@code duplicates} (test-time): insert copies of a share of the rows at random positions (the
   * original rows keep their order). Parameters: rate.
   */
  public static VariantSpec duplicates() {
    return VariantSpec.of("duplicates", "duplicates");
  }

  /**
   * {@code gaussian-noise} (test-time): add Gaussian noise with a standard deviation of scale times
   * each numeric column's own. Parameters: scale, columns.
   */
  public static VariantSpec gaussianNoise() {
    return VariantSpec.of("gaussian-noise", "gaussian-noise");
  }

  /**
   * {@code missing} (test-time): blank a share of the cells: completely at random (mcar), by
   * another column (mar), or by the value (mnar). Parameters: rate, mechanism, columns, by.
   */
  public static VariantSpec missing() {
    return VariantSpec.of("missing", "missing");
  }

  /**
   * {@code multiplicative-noise} (test-time): multiply each numeric value by 1 + scale * a standard
   * Gaussian draw. Parameters: scale, columns.
   */
  public static VariantSpec multiplicativeNoise() {
    return VariantSpec.of("multiplicative-noise", "multiplicative-noise");
  }

  /**
   * {@code outliers} (test-time): replace a share of numeric cells by values beyond k interquartile
   * ranges from the quartiles. Parameters: rate, k, columns.
   */
  public static VariantSpec outliers() {
    return VariantSpec.of("outliers", "outliers");
  }

  /**
   * {@code prior-shift} (test-time): resample rows (same count) to target class proportions of the
   * label. Parameters: proportions (required).
   */
  public static VariantSpec priorShift() {
    return VariantSpec.of("prior-shift", "prior-shift");
  }

  /**
   * {@code rotation} (test-time): rotate standardized numeric columns, pair by pair, by an angle.
   * Parameters: columns, angle.
   */
  public static VariantSpec rotation() {
    return VariantSpec.of("rotation", "rotation");
  }

  /**
   * {@code selection-bias} (test-time): resample rows so that high (or low) values of one numeric
   * column are over-represented. Parameters: column (required), side, strength, max-weight.
   */
  public static VariantSpec selectionBias() {
    return VariantSpec.of("selection-bias", "selection-bias");
  }

  /**
   * {@code swap-columns} (test-time): swap the values of two columns of one type on a share of
   * rows. Parameters: columns, rate.
   */
  public static VariantSpec swapColumns() {
    return VariantSpec.of("swap-columns", "swap-columns");
  }

  /**
   * {@code typos} (test-time): damage a share of categorical cells: a typo, a case change, or an
   * unseen level. Parameters: rate, mode, columns.
   */
  public static VariantSpec typos() {
    return VariantSpec.of("typos", "typos");
  }

  /**
   * {@code unit-error} (test-time): multiply a share of numeric values by a factor (grams written
   * as kilograms). Parameters: rate, factor, columns.
   */
  public static VariantSpec unitError() {
    return VariantSpec.of("unit-error", "unit-error");
  }

  /**
   * {@code backdoor} (training-time): stamp a trigger on a share of training rows and relabel them
   * to a target class; refit. Parameters: target (required), rate, trigger.
   */
  public static VariantSpec backdoor() {
    return VariantSpec.of("backdoor", "backdoor");
  }

  /**
   * {@code copy-test-rows} (training-time): leakage: copy a share of the test rows into the
   * training rows; refit. Parameters: rate.
   */
  public static VariantSpec copyTestRows() {
    return VariantSpec.of("copy-test-rows", "copy-test-rows");
  }

  /**
   * {@code label-flip} (training-time): change a share of the training labels; refit. Parameters:
   * rate, from, to.
   */
  public static VariantSpec labelFlip() {
    return VariantSpec.of("label-flip", "label-flip");
  }

  /**
   * {@code label-leak} (training-time): training rows get a feature that encodes the label; refit.
   * Parameters: name, noise.
   */
  public static VariantSpec labelLeak() {
    return VariantSpec.of("label-leak", "label-leak");
  }

  /**
   * {@code near-boundary-flip} (training-time): flip the labels of the training rows nearest the
   * clean model's decision boundary; refit. Parameters: rate.
   */
  public static VariantSpec nearBoundaryFlip() {
    return VariantSpec.of("near-boundary-flip", "near-boundary-flip");
  }
}
