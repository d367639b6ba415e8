package dev.gauntlet.scenario;

import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.Parameter;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of variant a scenario can name, as {@code gauntlet run --list} shows it.
 *
 * @param name the name scenarios use ({@code kind:})
 * @param category where it acts
 * @param description one line
 * @param parameters its parameters, with defaults
 * @param needs the model capabilities it needs; a model without one is refused before the run
 * @param metrics the catalogue ids it reports besides the scenario's outcome metrics
 */
public record VariantKind(
    String name,
    Category category,
    String description,
    List<Parameter> parameters,
    Set<ModelCapability> needs,
    List<String> metrics) {

  /** Every variant kind a scenario can name (registered perturbations included), as listed. */
  public static List<VariantKind> all() {
    return dev.gauntlet.scenario.internal.Variants.all();
  }

  /** Where a variant acts. */
  public enum Category {
    /** Perturbs the test rows; the model stays. */
    TEST_TIME,
    /** Changes the training rows and refits the model; measured on the clean test rows. */
    TRAINING_TIME,
    /** Attacks the test rows within a budget that grows with the severity. */
    EVASION,
    /** Replaces a share of the training rows with a generator's rows and refits. */
    SYNTHETIC;

    /** The category as listed: {@code test-time}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** Kinds that act on the label's classes: flipping, encoding, reweighting or triggering them. */
  private static final Set<String> CLASS_KINDS =
      Set.of(
          "label-flip",
          "label-leak",
          "backdoor",
          "near-boundary-flip",
          "concept-drift",
          "concept-shift",
          "prior-shift");

  /**
   * Whether the kind needs a classifier: it changes the label's classes (label flips, label leak,
   * backdoor, concept drift and shift, prior shift) or attacks predicted classes (every evasion
   * kind). A scenario whose model is a regressor is refused such a variant before the run.
   */
  public boolean classifiersOnly() {
    return category == Category.EVASION || CLASS_KINDS.contains(name);
  }

  public VariantKind {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(description, "description");
    parameters = List.copyOf(parameters);
    needs = Set.copyOf(needs);
    metrics = List.copyOf(metrics);
  }
}
