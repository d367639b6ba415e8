package dev.gauntlet.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The root seed of a {@link ScenarioTest} (on the method) or of every scenario test of a class (on
 * the class); it overrides the configuration parameter {@code gauntlet.seed} and the scenario's
 * {@code seed:}. Named so that it does not clash with {@code dev.gauntlet.random.Seed}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface GauntletSeed {
  long value();
}
