package dev.gauntlet.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.List;
import java.util.Map;

/**
 * Makes generators of one kind. Registered in {@code
 * META-INF/services/dev.gauntlet.spi.GeneratorProvider} and found by {@link #name()} through {@link
 * Registry#generators()}.
 */
public interface GeneratorProvider extends Named {

  /** The parameters {@link #fit} accepts, with defaults. */
  List<Parameter> parameters();

  /**
   * Fits a generator to a sample.
   *
   * @param params parameter values as text, by name (see {@link #parameters()})
   * @param seed the seed of any randomness in fitting
   */
  Generator fit(Table sample, Map<String, String> params, Seed seed);

  /**
   * As {@link #fit(Table, Map, Seed)}, reporting the progress of long fitting (such as training a
   * network) to {@code progress}. Quick providers need not override it.
   */
  default Generator fit(Table sample, Map<String, String> params, Seed seed, Progress progress) {
    return fit(sample, params, seed);
  }

  /** Rebuilds a generator from what {@link Generator#state()} returned. */
  Generator restore(JsonNode state);
}
