package dev.gauntlet.generators.deep;

import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelProvider;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.ParameterValues;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code mlp}: the DJL {@link MlpClassifier} as a model under test. Not declared thread-safe: the
 * engine serialises its calls, so libtorch never runs two of them at once.
 */
public final class MlpProvider implements ModelProvider {
  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public String description() {
    return "a multilayer perceptron (ReLU layers, softmax) trained with DJL on PyTorch";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("hidden", "32", "units per hidden layer; within [1, 4096]"),
        new Parameter("depth", "2", "hidden layers; within [0, 16]"),
        new Parameter("epochs", "60", "passes over the training rows; >= 1"),
        new Parameter("batch-size", "64", "rows per Adam step; >= 1"),
        new Parameter("learning-rate", "0.003", "Adam's step; > 0"),
        new Parameter("weight-decay", "0.0001", "Adam's L2 weight decay; >= 0"));
  }

  @Override
  public Set<ModelCapability> capabilities() {
    return EnumSet.of(
        ModelCapability.PROBABILITIES,
        ModelCapability.RETRAINABLE,
        ModelCapability.INPUT_GRADIENTS);
  }

  @Override
  public ModelHandle open(ModelRequest request) {
    ParameterValues p = ParameterValues.of(request.params(), parameters());
    MlpClassifier.Trainer trainer =
        MlpClassifier.trainer(request.label())
            .withHidden(p.integer("hidden", 1, 4096))
            .withDepth(p.integer("depth", 0, 16))
            .withEpochs(p.integer("epochs", 1, 1_000_000))
            .withBatchSize(p.integer("batch-size", 1, 1_000_000))
            .withLearningRate(p.above("learning-rate", 0))
            .withWeightDecay(p.atLeast("weight-decay", 0))
            .withSeed(request.seed());
    return ModelHandle.trainable(trainer, ModelCapability.INPUT_GRADIENTS);
  }
}
