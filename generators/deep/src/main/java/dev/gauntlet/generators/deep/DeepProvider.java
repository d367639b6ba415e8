package dev.gauntlet.generators.deep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.internal.FreshIds;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.Progress;
import java.util.List;
import java.util.Map;

/** What the {@code vae} and {@code gan} providers share: options, progress, restoring. */
abstract class DeepProvider implements GeneratorProvider {
  private final String name;
  private final String description;
  private final List<Parameter> parameters;
  private final TrainingListener listener;

  DeepProvider(
      String name, String description, List<Parameter> parameters, TrainingListener listener) {
    this.name = name;
    this.description = description;
    this.parameters = parameters;
    this.listener = listener;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public final Generator fit(Table sample, Map<String, String> params, Seed seed) {
    return fit(sample, params, seed, null);
  }

  /** Reports each epoch to {@code progress} (null: a line per epoch on stderr). */
  @Override
  public final Generator fit(
      Table sample, Map<String, String> params, Seed seed, Progress progress) {
    TrainingOptions given = TrainingOptions.parse(name, parameters, params);
    Schema schema = sample.schema();
    List<FreshIds.IdModel> ids = FreshIds.fit(sample);
    // ids are not modelled: one-hot levels per row would widen the network and copy sample ids
    Table data = sample.select(FreshIds.dataSchema(schema).names());
    // the transform sees every row, so a level or range only the held-out rows have is known
    DataTransform t = DataTransform.fit(data, given.maxModes(), given.valueModes());
    Split parts = Validation.split(data, given.validation(), seed);
    Table train = parts.train();
    Validation held =
        parts.test().rowCount() == 0 ? null : new Validation(parts.test(), t.encode(parts.test()));
    TrainingOptions o = given.forRows(train.rowCount());
    return train(train, t, t.encode(train), held, o, seed, listener(o, progress))
        .withIds(schema, ids);
  }

  /**
   * Trains on {@code data}, the sample encoded by {@code t}, checking the model on {@code held}
   * (null: no checks) and keeping the best check's weights.
   */
  abstract DeepGenerator train(
      Table sample,
      DataTransform t,
      float[] data,
      Validation held,
      TrainingOptions o,
      Seed seed,
      TrainingListener listener);

  /**
   * The listener training reports to: the one given to the constructor; else none when {@code
   * progress=false}; else {@code progress}, or a line per epoch on stderr when that is null.
   */
  private TrainingListener listener(TrainingOptions o, Progress progress) {
    if (listener != null) {
      return listener;
    }
    if (!o.progress()) {
      return TrainingListener.SILENT;
    }
    if (progress == null) {
      return TrainingListener.STDERR;
    }
    return e -> progress.update(e.model() + " training", e.epoch(), e.epochs(), e.detail());
  }

  @Override
  public final Generator restore(JsonNode state) {
    return DeepGenerator.restore(name, state);
  }
}
