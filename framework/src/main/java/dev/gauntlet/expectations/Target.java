package dev.gauntlet.expectations;

import java.util.Objects;
import java.util.OptionalDouble;

/** Where an expectation must hold: on the clean test rows, under one variant, or under each. */
public sealed interface Target permits Target.Clean, Target.Variant, Target.EveryVariant {

  /** No {@code under}: the clean test rows. */
  record Clean() implements Target {}

  /**
   * {@code under NAME [at S]}: at severity {@code at} only, or at every severity of the variant.
   *
   * @param name the variant's name
   * @param at the one severity, or empty for every severity
   */
  record Variant(String name, OptionalDouble at) implements Target {
    public Variant {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * {@code under every variant [at S]}: under each variant of the scenario.
   *
   * @param at the one severity (which every variant must have), or empty for every severity
   */
  record EveryVariant(OptionalDouble at) implements Target {
    public EveryVariant {
      Objects.requireNonNull(at, "at");
    }
  }

  /** The clean test rows. */
  static Target clean() {
    return new Clean();
  }

  /** Every severity of one variant. */
  static Target variant(String name) {
    return new Variant(name, OptionalDouble.empty());
  }

  /** One severity of one variant. */
  static Target variant(String name, double severity) {
    return new Variant(name, OptionalDouble.of(severity));
  }

  /** Every severity of every variant. */
  static Target everyVariant() {
    return new EveryVariant(OptionalDouble.empty());
  }
}
