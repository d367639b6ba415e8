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

/** The {@code gan} generator: a CTGAN-like conditional GAN (see {@link Gan}). */
public final class GanProvider implements GeneratorProvider {
  static final String NAME = "gan";

  private static final List<Parameter> PARAMETERS =
      TrainingOptions.parameters("0.0002", "0.0002", "256");

  private final TrainingListener listener;

  /** The provider {@code ServiceLoader} makes: progress on stderr when {@code progress=true}. */
  public GanProvider() {
    this(null);
  }

  /** A provider reporting every epoch to {@code listener} (null: stderr per the parameter). */
  public GanProvider(TrainingListener listener) {
    this.listener = listener;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CTGAN-like conditional GAN trained with DJL on PyTorch (CPU)";
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
    Gan.Conditions cond = Gan.Conditions.of(t, data, sample.rowCount());
    Params p =
        Gan.train(
            t, data, sample.rowCount(), cond, o, seed, VaeProvider.listener(listener, o, progress));
    return new DeepGenerator(NAME, t, p, o, cond);
  }

  @Override
  public Generator restore(JsonNode state) {
    return DeepGenerator.restore(NAME, state);
  }
}
