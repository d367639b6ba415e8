package dev.gauntlet.generators.deep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
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
    TrainingOptions o = TrainingOptions.parse(NAME, PARAMETERS, params);
    DataTransform t = DataTransform.fit(sample, o.maxModes());
    float[] data = t.encode(sample);
    Params p = Vae.train(t, data, sample.rowCount(), o, seed, listener(listener, o));
    return new DeepGenerator(NAME, t, p, o, null);
  }

  static TrainingListener listener(TrainingListener given, TrainingOptions o) {
    if (given != null) {
      return given;
    }
    return o.progress() ? TrainingListener.STDERR : TrainingListener.SILENT;
  }

  @Override
  public Generator restore(JsonNode state) {
    return DeepGenerator.restore(NAME, state);
  }
}
