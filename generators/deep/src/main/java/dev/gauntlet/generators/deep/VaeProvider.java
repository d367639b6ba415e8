package dev.gauntlet.generators.deep;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;

/** The {@code vae} generator: a TVAE-like variational autoencoder (see {@link Vae}). */
public final class VaeProvider extends DeepProvider {
  static final String NAME = "vae";

  /** The provider {@code ServiceLoader} makes: progress on stderr when {@code progress=true}. */
  public VaeProvider() {
    this(null);
  }

  /** A provider reporting every epoch to {@code listener} (null: per the parameter). */
  public VaeProvider(TrainingListener listener) {
    super(
        NAME,
        "TVAE-like variational autoencoder trained with DJL on PyTorch (CPU)",
        TrainingOptions.parameters("0.001", null, "128"),
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
    Params p =
        Torch.exclusively(() -> Vae.train(t, data, sample.rowCount(), held, o, seed, listener));
    return new DeepGenerator(NAME, t, p, o, null);
  }
}
