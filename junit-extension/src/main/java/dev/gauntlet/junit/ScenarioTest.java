package dev.gauntlet.junit;

import dev.gauntlet.junit.internal.ScenarioExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a scenario once for the method, then invokes the method once per variant and severity (or
 * once for the clean test rows of a scenario without variants), named {@code VARIANT [severity S]}.
 * The method may declare parameters of the types {@link ScenarioCase} lists.
 *
 * <pre>
 * &#64;ScenarioTest("scenarios/credit.yaml")
 * void accuracyHolds(ScenarioCase c) {
 *   assertThat(c).metric("accuracy").isAtLeast(0.7);
 * }
 * </pre>
 *
 * <p>Or, without a file, {@code @ScenarioTest(spec = "creditScenario")} runs the spec a method of
 * the test class builds.
 *
 * <p>Seeds: {@link GauntletSeed} on the method, then on the class, then the configuration parameter
 * {@code gauntlet.seed}, then the scenario's {@code seed:}, then a random seed; the seed used is
 * published as the report entry {@code gauntlet.seed} and shown in every failure with the line that
 * reruns it. The reports go to {@code target/gauntlet-reports/CLASS/METHOD/}, published as {@code
 * gauntlet.reports}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ScenarioExtension.class)
public @interface ScenarioTest {
  /**
   * The scenario file: a class-path resource, else a path relative to the module's folder (the
   * working directory of the test run). Not with {@link #spec()}.
   */
  String value() default "";

  /**
   * Instead of a file: a method of the test class that returns the {@code ScenarioSpec} to run
   * (built with {@code ScenarioSpec.builder()} and its typed factories), static or not, without
   * parameters. Paths in the spec resolve against the module's folder. Not with {@link #value()}.
   */
  String spec() default "";

  /**
   * A method of the test class that supplies the model instead of the scenario's {@code model:}:
   * static or not, without parameters, returning a {@code ModelTrainer} (retrained by training-time
   * variants), a {@code Classifier} (a fixed model) or a {@code ModelHandle}. Empty: the scenario's
   * model.
   */
  String model() default "";
}
