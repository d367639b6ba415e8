package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gauntlet.FieldException;
import java.util.List;
import java.util.Map;

/**
 * Synthetic rows as a scenario's data: a generator fitted on a CSV, or one loaded from a file saved
 * by {@code gauntlet generate --save-model} (so CI does not refit a VAE on every run).
 *
 * <pre>
 * synthetic: {generator: gaussian-copula, fit: ../data/credit_g.csv}
 * synthetic: {model: ../models/credit-vae.json}
 * </pre>
 *
 * @param generator a registered generator's name; default {@code gaussian-copula}; not with {@code
 *     model}
 * @param fit the CSV the generator is fitted on (read with the data section's label, id and types)
 * @param model a saved generator file
 * @param params the generator's parameters, by name (see {@code gauntlet generate --list})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SyntheticSpec(
    String generator, String fit, String model, Map<String, String> params) {
  /** The generator fitted when none is named. */
  public static final String DEFAULT_GENERATOR = "gaussian-copula";

  public SyntheticSpec {
    Checks.nonBlank(generator, "generator");
    Checks.nonBlank(fit, "fit");
    Checks.nonBlank(model, "model");
    if ((fit == null) == (model == null)) {
      throw new FieldException(
          List.of(),
          fit == null ? "neither fit nor model" : "both fit and model",
          "exactly one of fit (a CSV to fit a generator on) and model (a saved generator file)",
          "keep one of fit, model");
    }
    if (model != null && generator != null) {
      throw new FieldException(
          "generator",
          "\"" + generator + "\" with a saved model",
          "no generator (the saved file names its own)",
          "remove generator");
    }
    params = Checks.map(params, "params");
  }

  /** A generator fitted on a CSV file. */
  public static SyntheticSpec fitted(String generator, String csv) {
    return new SyntheticSpec(generator, csv, null, null);
  }

  /** A generator saved in a file. */
  public static SyntheticSpec saved(String file) {
    return new SyntheticSpec(null, null, file, null);
  }

  public SyntheticSpec withParam(String name, String value) {
    Map<String, String> all = new java.util.LinkedHashMap<>(params);
    all.put(name, value);
    return new SyntheticSpec(generator, fit, model, all);
  }

  /** The generator's name, {@link #DEFAULT_GENERATOR} unless given (null for a saved model). */
  public String generatorOrDefault() {
    return model != null ? null : generator == null ? DEFAULT_GENERATOR : generator;
  }
}
