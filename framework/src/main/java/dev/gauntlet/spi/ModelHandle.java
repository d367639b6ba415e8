package dev.gauntlet.spi;

import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.model.Regressor;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A model under test, as a {@link ModelProvider} opened it: what it can do, and the classifier (or,
 * for a {@link ModelTask#REGRESSION} handle, the regressor) for a set of training rows. Closed
 * after the run (a native session, a connection).
 */
public interface ModelHandle extends AutoCloseable {

  /** What the model can do. */
  Set<ModelCapability> capabilities();

  /**
   * The classifier for these training rows: trained on them when the model is {@link
   * ModelCapability#RETRAINABLE}, else the fixed model (the rows are not read). With {@link
   * ModelCapability#INPUT_GRADIENTS} the classifier is a {@link Differentiable}.
   *
   * @throws UnsupportedOperationException for a {@link ModelTask#REGRESSION} handle
   */
  Classifier fit(Table train);

  /**
   * What the model predicts; {@link #fit} answers classification, {@link #fitRegressor} the other.
   */
  default ModelTask task() {
    return ModelTask.CLASSIFICATION;
  }

  /**
   * The regressor for these training rows, as {@link #fit} for a classifier.
   *
   * @throws UnsupportedOperationException for a {@link ModelTask#CLASSIFICATION} handle
   */
  default Regressor fitRegressor(Table train) {
    throw new UnsupportedOperationException("a classifier's handle: call fit");
  }

  /** Releases what the model holds; the default holds nothing. */
  @Override
  default void close() {}

  default boolean can(ModelCapability capability) {
    return capabilities().contains(capability);
  }

  /**
   * A handle on an in-JVM trainer: retrainable and with probabilities, plus the given capabilities.
   */
  static ModelHandle trainable(
      ModelTrainer<? extends Classifier> trainer, ModelCapability... more) {
    Objects.requireNonNull(trainer, "trainer");
    EnumSet<ModelCapability> caps =
        EnumSet.of(ModelCapability.PROBABILITIES, ModelCapability.RETRAINABLE);
    caps.addAll(java.util.List.of(more));
    Set<ModelCapability> fixed = java.util.Collections.unmodifiableSet(caps);
    return new ModelHandle() {
      @Override
      public Set<ModelCapability> capabilities() {
        return fixed;
      }

      @Override
      public Classifier fit(Table train) {
        return trainer.fit(train);
      }
    };
  }

  /** A handle on a fixed, already trained classifier with the given capabilities. */
  static ModelHandle fixed(Classifier model, ModelCapability... capabilities) {
    Objects.requireNonNull(model, "model");
    EnumSet<ModelCapability> caps = EnumSet.noneOf(ModelCapability.class);
    caps.addAll(java.util.List.of(capabilities));
    if (caps.contains(ModelCapability.RETRAINABLE)) {
      throw new IllegalArgumentException("a fixed model is not retrainable");
    }
    Set<ModelCapability> fixed = java.util.Collections.unmodifiableSet(caps);
    return new ModelHandle() {
      @Override
      public Set<ModelCapability> capabilities() {
        return fixed;
      }

      @Override
      public Classifier fit(Table train) {
        return model;
      }
    };
  }

  /** A handle on an in-JVM regressor trainer: retrainable, plus the given capabilities. */
  static ModelHandle trainableRegressor(
      ModelTrainer<? extends Regressor> trainer, ModelCapability... more) {
    Objects.requireNonNull(trainer, "trainer");
    EnumSet<ModelCapability> caps = EnumSet.of(ModelCapability.RETRAINABLE);
    caps.addAll(java.util.List.of(more));
    return regressor(caps, trainer::fit);
  }

  /** A handle on a fixed, already trained regressor with the given capabilities. */
  static ModelHandle fixedRegressor(Regressor model, ModelCapability... capabilities) {
    Objects.requireNonNull(model, "model");
    EnumSet<ModelCapability> caps = EnumSet.noneOf(ModelCapability.class);
    caps.addAll(java.util.List.of(capabilities));
    if (caps.contains(ModelCapability.RETRAINABLE)) {
      throw new IllegalArgumentException("a fixed model is not retrainable");
    }
    return regressor(caps, train -> model);
  }

  private static ModelHandle regressor(
      EnumSet<ModelCapability> caps, java.util.function.Function<Table, Regressor> fit) {
    if (caps.contains(ModelCapability.PROBABILITIES)
        || caps.contains(ModelCapability.INPUT_GRADIENTS)) {
      throw new IllegalArgumentException("a regressor gives neither probabilities nor gradients");
    }
    Set<ModelCapability> fixed = java.util.Collections.unmodifiableSet(caps);
    return new ModelHandle() {
      @Override
      public Set<ModelCapability> capabilities() {
        return fixed;
      }

      @Override
      public ModelTask task() {
        return ModelTask.REGRESSION;
      }

      @Override
      public Classifier fit(Table train) {
        throw new UnsupportedOperationException("a regressor's handle: call fitRegressor");
      }

      @Override
      public Regressor fitRegressor(Table train) {
        return fit.apply(train);
      }
    };
  }
}
