package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gauntlet.FieldException;
import java.util.List;
import java.util.Map;

/**
 * The model under test: a kind found through the model-provider SPI ({@code logistic-regression},
 * {@code decision-tree}, {@code mlp} with the deep module, adapters' kinds), or a Java class.
 *
 * <pre>
 * model: decision-tree                          # short form: a kind with its default parameters
 * model: {kind: mlp, params: {hidden: 32, epochs: 40}, threshold: 0.3}
 * model: {class: com.acme.CreditModelTrainer, params: {depth: 4}}
 * </pre>
 *
 * @param kind a model provider's name; default {@code logistic-regression}; not with {@code class}
 * @param className a class implementing {@code ModelTrainer<Classifier>} or {@code Classifier}
 *     (public no-argument constructor, or a static {@code create(Map<String, String>)}); YAML key
 *     {@code class}
 * @param params the kind's or the class's parameters, by name (see {@code gauntlet run --list})
 * @param threshold for a binary model: the probability of the positive class at or above which a
 *     row is predicted positive; default 0.5
 * @param positive for a binary model: the positive class; default the second of the two classes in
 *     the model's order (sorted labels for the built-in models)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ModelSpec(
    String kind,
    @JsonProperty("class") String className,
    Map<String, String> params,
    Double threshold,
    String positive) {
  /** The kind used when neither a kind nor a class is given. */
  public static final String DEFAULT_KIND = "logistic-regression";

  public ModelSpec {
    Checks.nonBlank(kind, "kind");
    Checks.nonBlank(className, "class");
    Checks.nonBlank(positive, "positive");
    if (kind != null && className != null) {
      throw new FieldException(
          "class",
          "both kind \"" + kind + "\" and class \"" + className + "\"",
          "one of kind and class",
          "remove one of them");
    }
    params = Checks.map(params, "params");
    if (threshold != null && !(threshold > 0 && threshold < 1)) {
      throw new FieldException(
          "threshold", threshold.toString(), "a probability within (0, 1)", "e.g. 0.5");
    }
  }

  /** The default model: logistic regression with its default parameters. */
  public static ModelSpec defaults() {
    return new ModelSpec(null, null, null, null, null);
  }

  /** A model kind found through the model-provider SPI. */
  public static ModelSpec kind(String kind) {
    return new ModelSpec(kind, null, null, null, null);
  }

  /** A Java class implementing {@code ModelTrainer<Classifier>} or {@code Classifier}. */
  public static ModelSpec javaClass(String className) {
    return new ModelSpec(null, className, null, null, null);
  }

  /** The short form {@code model: KIND}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ModelSpec fromText(String kind) {
    if (kind == null || kind.isBlank()) {
      throw new FieldException(List.of(), "\"" + kind + "\"", "a model kind", null);
    }
    return kind(kind);
  }

  public ModelSpec withParam(String name, String value) {
    Map<String, String> all = new java.util.LinkedHashMap<>(params);
    all.put(name, value);
    return new ModelSpec(kind, className, all, threshold, positive);
  }

  public ModelSpec withThreshold(double newThreshold) {
    return new ModelSpec(kind, className, params, newThreshold, positive);
  }

  public ModelSpec withPositive(String newPositive) {
    return new ModelSpec(kind, className, params, threshold, newPositive);
  }

  /** The provider kind, {@link #DEFAULT_KIND} unless given; null for a Java class. */
  public String kindOrDefault() {
    return className != null ? null : kind == null ? DEFAULT_KIND : kind;
  }

  public double thresholdOrDefault() {
    return threshold == null ? 0.5 : threshold;
  }
}
