package dev.gauntlet.spi;

/** An extension found by name: a generator or perturbation provider. */
public interface Named {

  /** The name scenarios and the command line use, in kebab-case, e.g. {@code gaussian-copula}. */
  String name();

  /** One line for listings such as {@code gauntlet perturb --list}. */
  String description();
}
