package dev.gauntlet.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ModelProvider} is asked for.
 *
 * @param label the label column the model learns or predicts
 * @param params the provider's parameters as text, by name, as the scenario gives them
 * @param seed the model's seed (weights, shuffles, tie breaks); derived from the scenario's root
 * @param folder the folder relative paths in {@code params} resolve against (the scenario file's)
 */
public record ModelRequest(
    String label, Map<String, String> params, dev.gauntlet.random.Seed seed, Path folder) {
  public ModelRequest {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(folder, "folder");
    params = Map.copyOf(params);
  }
}
