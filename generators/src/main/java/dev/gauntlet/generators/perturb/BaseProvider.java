package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider whose parameters are its own plus {@link Domain#PARAMETERS}; {@link #create} checks
 * them, and each application checks the severity and builds the table's {@link Domain}.
 */
abstract class BaseProvider implements PerturbationProvider {
  private final String name;
  private final String description;
  private final List<Parameter> parameters;

  BaseProvider(String name, String description, Parameter... own) {
    this.name = name;
    this.description = description;
    List<Parameter> all = new ArrayList<>(List.of(own));
    all.addAll(Domain.PARAMETERS);
    this.parameters = List.copyOf(all);
  }

  /** The perturbation's work, given checked parameters, the table's domain and a severity. */
  @FunctionalInterface
  interface Body {
    Table apply(Domain domain, double severity, Seed seed);
  }

  /** Reads the parameters that do not depend on the table (so errors come early). */
  abstract Body body(Params params);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public final Perturbation create(Map<String, String> values) {
    Params params = Params.of(name, values, parameters);
    Body body = body(params);
    return (table, severity, seed) -> {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(seed, "seed");
      if (!(severity >= 0 && severity <= 1)) {
        throw new IllegalArgumentException("severity is not within [0, 1]: " + severity);
      }
      return body.apply(Domain.of(table, params), severity, seed);
    };
  }

  static Parameter param(String name, String defaultValue, String description) {
    return new Parameter(name, defaultValue, description);
  }
}
