package dev.gauntlet.spi;

import java.util.List;
import java.util.Map;

/**
 * Makes perturbations of one kind from parameters. Registered in {@code
 * META-INF/services/dev.gauntlet.spi.PerturbationProvider} and found by {@link #name()} through
 * {@link Registry#perturbations()}.
 */
public interface PerturbationProvider extends Named {

  /** The parameters {@link #create} accepts, with defaults. */
  List<Parameter> parameters();

  /** A perturbation with the given parameter values (as text, by name). */
  Perturbation create(Map<String, String> params);

  /**
   * Whether every perturbation this provider creates keeps row identity ({@link
   * Perturbation#keepsRowIdentity()}), for listings; false unless the provider says so.
   */
  default boolean keepsRowIdentity() {
    return false;
  }
}
