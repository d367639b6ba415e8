package dev.gauntlet.generators.deep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.Progress;
import java.util.List;
import java.util.Map;

/** The {@code vae} generator: a TVAE-like variational autoencoder (see {@link Vae}). */
public final class VaeProvider implements GeneratorProvider {
  static final String NAME = "vae";

  private static final List<Parameter> PARAMETERS =
      TrainingOptions.parameters("0.001", null, "128");

  private final TrainingListener listener;

  /** The provider {@code ServiceLoader} makes: progress on stderr when {@code progress=true}. */
  public VaeProvider() {
    this(null);
  }

  /** A provider reporting every epoch to {@code listener} (null: stderr per the parameter). */
  public VaeProvider(TrainingListener listener) {
    this.listener = listener;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "TVAE-like variational autoencoder trained with DJL on PyTorch (CPU)";
  }

  @Override
  public List<Parameter> parameters() {
    return PARAMETERS;
  }

  @Override
  public Generator fit(Table sample, Map<String, String> params, Seed seed) {
    return fit(sample, params, seed, null);
  }

  /** Reports each epoch to {@code progress} (null: a line per epoch on stderr). */
  @Override
  public Generator fit(Table sample, Map<String, String> params, Seed seed, Progress progress) {
    TrainingOptions o = TrainingOptions.parse(NAME, PARAMETERS, params);
    DataTransform t = DataTransform.fit(sample, o.maxModes());
    float[] data = t.encode(sample);
    Params p = Vae.train(t, data, sample.rowCount(), o, seed, listener(listener, o, progress));
    return new DeepGenerator(NAME, t, p, o, null);
  }

  /**
   * The listener training reports to: the one given to the constructor; else none when {@code
   * progress=false}; else {@code progress}, or a line per epoch on stderr when that is null.
   */
  static TrainingListener listener(TrainingListener given, TrainingOptions o, Progress progress) {
    if (given != null) {
      return given;
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
  public Generator restore(JsonNode state) {
    return DeepGenerator.restore(NAME, state);
  }
}
