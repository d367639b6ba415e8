package dev.gauntlet.scenario.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Typed factories for the built-in generators of synthetic rows, as a scenario's data or as the
 * {@code synthetic} variant:
 *
 * <pre>
 * .data(DataSpec.synthetic(Generators.gaussianCopula().fittedOn("../data/credit_g.csv"), "class", 1000))
 * .variant(Generators.synthetic(Generators.independent()).withSweep(2))
 * </pre>
 *
 * {@code gauntlet generate --list} shows each generator's parameters. The deep generators ({@link
 * #vae()}, {@link #gan()}) need the {@code gauntlet-generators-deep} module on the class path.
 */
public final class Generators {
  private Generators() {}

  /** A generator a team registered itself (a {@code GeneratorProvider}), by its name. */
  public static Choice named(String name) {
    return new Choice(name, Map.of());
  }

  /** {@code gaussian-copula}: each column's marginal plus a Gaussian copula of their dependence. */
  public static Choice gaussianCopula() {
    return named("gaussian-copula");
  }

  /** {@code independent}: each column drawn from its own marginal, no dependence (a baseline). */
  public static Choice independent() {
    return named("independent");
  }

  /** {@code auto}: fits the candidates on part of the rows and keeps the best on the rest. */
  public static Choice auto() {
    return named("auto");
  }

  /** {@code world}: rows of a world spec (its parameters name the spec). */
  public static Choice world() {
    return named("world");
  }

  /** {@code vae}: a tabular variational autoencoder (gauntlet-generators-deep). */
  public static Choice vae() {
    return named("vae");
  }

  /** {@code gan}: a tabular GAN (gauntlet-generators-deep). */
  public static Choice gan() {
    return named("gan");
  }

  /**
   * The {@code synthetic} variant: fit {@code generator} on the training rows and replace a share
   * of them (all at severity 1) with its rows, then refit; named {@code synthetic}.
   */
  public static VariantSpec synthetic(Choice generator) {
    VariantSpec v = VariantSpec.of("synthetic", "synthetic").withParam("generator", generator.name);
    for (Map.Entry<String, String> e : generator.params.entrySet()) {
      v = v.withParam(e.getKey(), e.getValue());
    }
    return v;
  }

  /** A generator by name, with parameters. */
  public static final class Choice {
    private final String name;
    private final Map<String, String> params;

    private Choice(String name, Map<String, String> params) {
      Checks.nonBlank(Objects.requireNonNull(name, "name"), "generator");
      this.name = name;
      this.params = Map.copyOf(params);
    }

    /** The registered name. */
    public String name() {
      return name;
    }

    /** The parameters given, by name. */
    public Map<String, String> params() {
      return params;
    }

    public Choice withParam(String key, String value) {
      Map<String, String> all = new LinkedHashMap<>(params);
      all.put(key, value);
      return new Choice(name, all);
    }

    /** This generator fitted on a CSV file (relative to the scenario's folder). */
    public SyntheticSpec fittedOn(String csv) {
      SyntheticSpec s = SyntheticSpec.fitted(name, csv);
      for (Map.Entry<String, String> e : params.entrySet()) {
        s = s.withParam(e.getKey(), e.getValue());
      }
      return s;
    }

    @Override
    public String toString() {
      return params.isEmpty() ? name : name + " " + params;
    }
  }
}
