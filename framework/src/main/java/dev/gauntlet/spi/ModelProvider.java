package dev.gauntlet.spi;

import java.util.List;

/**
 * Makes models under test of one kind: the built-in ones ({@code logistic-regression}, {@code
 * decision-tree}), the deep module's {@code mlp}, and adapters (ONNX, TorchScript, HTTP).
 * Registered in {@code META-INF/services/dev.gauntlet.spi.ModelProvider} and found by {@link
 * #name()} through {@link Registry#models()}.
 */
public interface ModelProvider extends Named {

  /** The parameters {@link #open} accepts, with defaults. */
  List<Parameter> parameters();

  /**
   * The capabilities a handle of this kind has, known before it is opened (so a scenario is checked
   * before anything is trained or loaded).
   */
  java.util.Set<ModelCapability> capabilities();

  /**
   * What models of this kind predict, known before one is opened; a regression kind's handles
   * answer {@link ModelHandle#fitRegressor}.
   */
  default ModelTask task() {
    return ModelTask.CLASSIFICATION;
  }

  /**
   * A handle on a model of this kind. A bad parameter is a {@link dev.gauntlet.FieldException}
   * naming the parameter (the engine prefixes its place in the scenario).
   */
  ModelHandle open(ModelRequest request);
}
