package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import java.util.List;
import java.util.Map;

/** {@code independent}: each column from its own fitted marginal, ignoring the others. */
public final class IndependentProvider implements GeneratorProvider {
  public static final String NAME = "independent";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "each column from its fitted marginal (best of six families by KS, else empirical),"
        + " columns independent";
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
    return StatGenerator.fit(NAME, sample, false, seed, params.get("constraints"));
  }

  @Override
  public Generator restore(JsonNode state) {
    return StatGenerator.restore(NAME, state);
  }
}
