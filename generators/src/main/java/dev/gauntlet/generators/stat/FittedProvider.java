package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import java.util.List;
import java.util.Map;

/** What {@code independent} and {@code gaussian-copula} share: fitting, parameters, restoring. */
abstract class FittedProvider implements GeneratorProvider {
  private final String name;
  private final boolean copula;

  FittedProvider(String name, boolean copula) {
    this.name = name;
    this.copula = copula;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<Parameter> parameters() {
    return List.of(
        new Parameter(
            "constraints",
            "",
            "rules every row keeps, separated by ';': positive(x), range(x, 0, 100), a < b,"
                + " a <= b, combinations(a, b)"));
  }

  @Override
  public final Generator fit(Table sample, Map<String, String> params, Seed seed) {
    return StatGenerator.fit(name, sample, copula, seed, params.get("constraints"));
  }

  @Override
  public final Generator restore(JsonNode state) {
    return StatGenerator.restore(name, state, copula);
  }
}
