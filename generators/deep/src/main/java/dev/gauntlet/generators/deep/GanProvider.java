package dev.gauntlet.generators.deep;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;

/** The {@code gan} generator: a CTGAN-like conditional GAN (see {@link Gan}). */
public final class GanProvider extends DeepProvider {
  static final String NAME = "gan";

  /** The provider {@code ServiceLoader} makes: progress on stderr when {@code progress=true}. */
  public GanProvider() {
    this(null);
  }

  /** A provider reporting every epoch to {@code listener} (null: per the parameter). */
  public GanProvider(TrainingListener listener) {
    super(
        NAME,
        "CTGAN-like conditional GAN trained with DJL on PyTorch (CPU)",
        TrainingOptions.parameters("0.001", "0.001", "256"),
        listener);
  }

  @Override
  DeepGenerator train(
      Table sample,
      DataTransform t,
      float[] data,
      Validation held,
      TrainingOptions o,
      Seed seed,
      TrainingListener listener) {
    Gan.Conditions cond = Gan.Conditions.of(t, data, sample.rowCount());
    Params p =
        Torch.exclusively(
            () -> Gan.train(t, data, sample.rowCount(), cond, held, o, seed, listener));
    return new DeepGenerator(NAME, t, p, o, cond);
  }
}
