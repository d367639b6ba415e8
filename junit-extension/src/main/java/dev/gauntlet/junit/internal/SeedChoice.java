package dev.gauntlet.junit.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.junit.GauntletSeed;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A scenario test's root seed and where it came from.
 *
 * @param value the seed
 * @param origin where it came from, for messages: {@code @GauntletSeed on the method}, ...
 */
record SeedChoice(long value, String origin) {
  /** The JUnit configuration parameter (or system property) that sets the seed of every test. */
  static final String PARAMETER = "gauntlet.seed";

  /**
   * Method annotation, class annotation (the class, its superclasses, then enclosing classes),
   * configuration parameter, the scenario's own seed, else a random one.
   */
  static SeedChoice of(
      Method method, Class<?> testClass, Optional<String> parameter, ScenarioSpec spec) {
    return of(method, testClass, parameter, spec.seed());
  }

  /** As above, for a test without a scenario file: {@code scenarioSeed} null. */
  static SeedChoice of(
      Method method, Class<?> testClass, Optional<String> parameter, Long scenarioSeed) {
    Optional<GauntletSeed> onMethod = AnnotationSupport.findAnnotation(method, GauntletSeed.class);
    if (onMethod.isPresent()) {
      return new SeedChoice(onMethod.get().value(), "@GauntletSeed on the method");
    }
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      Optional<GauntletSeed> onClass = AnnotationSupport.findAnnotation(c, GauntletSeed.class);
      if (onClass.isPresent()) {
        return new SeedChoice(onClass.get().value(), "@GauntletSeed on " + c.getSimpleName());
      }
    }
    if (parameter.isPresent()) {
      try {
        return new SeedChoice(
            Long.parseLong(parameter.get().trim()), "configuration parameter " + PARAMETER);
      } catch (NumberFormatException e) {
        throw new UserInputException(
            "configuration parameter " + PARAMETER,
            UserInputException.quote(parameter.get()),
            "a whole number (a long)",
            "set it to a seed such as 42, or remove it");
      }
    }
    if (scenarioSeed != null) {
      return new SeedChoice(scenarioSeed, "the scenario's seed:");
    }
    // the one value not drawn from a Seed: it is the seed, and every failure reports it
    return new SeedChoice(ThreadLocalRandom.current().nextLong(), "random");
  }

  /** The line a failure shows: where the seed came from and how to rerun with it. */
  String rerunText(Class<?> testClass, Method method) {
    return "seed "
        + value
        + " ("
        + origin
        + "); to rerun with it, annotate "
        + testClass.getSimpleName()
        + "."
        + method.getName()
        + " with @GauntletSeed("
        + value
        + (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? "L" : "")
        + ") or run with -D"
        + PARAMETER
        + "="
        + value;
  }
}
