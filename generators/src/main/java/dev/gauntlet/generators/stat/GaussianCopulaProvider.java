package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import java.util.List;
import java.util.Map;

/**
 * {@code gaussian-copula}: fitted marginals joined by a Gaussian copula on normal scores, so
 * correlations and contingencies survive (categorical levels take intervals of the normal scale by
 * frequency, as in SDV).
 */
public final class GaussianCopulaProvider implements GeneratorProvider {
  public static final String NAME = "gaussian-copula";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "each column from its fitted marginal (best of six families by KS, else empirical),"
        + " joined by a Gaussian copula";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter(
            "constraints",
            "",
            "rules every row keeps, separated by ';': positive(x), range(x, 0, 100), a < b,"
                + " a <= b, combinations(a, b)"));
  }

  @Override
  public Generator fit(Table sample, Map<String, String> params, Seed seed) {
    return StatGenerator.fit(NAME, sample, true, seed, params.get("constraints"));
  }

  @Override
  public Generator restore(JsonNode state) {
    return StatGenerator.restore(NAME, state);
  }
}
