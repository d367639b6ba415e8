package dev.gauntlet.junit;

import dev.gauntlet.junit.internal.SweepExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invokes the method once per severity of a registered perturbation, named {@code covariate-shift
 * [severity 0.25]}; its {@link PerturbedTable} parameters (annotated with {@link SyntheticTable} or
 * {@link WorldTable}) receive their rows perturbed at that severity.
 *
 * <pre>
 * &#64;PerturbationSweep(value = "covariate-shift", params = {"column=age", "shift=1"}, sweep = 4)
 * void accuracyDegradesGracefully(
 *     &#64;WorldTable(value = "worlds/customers.json", rows = 300) PerturbedTable customers) {
 *   double accuracy = accuracyOf(model, customers.perturbed());
 *   assertThat(accuracy).isGreaterThan(0.7 - 0.2 * customers.severity());
 * }
 * </pre>
 *
 * <p>The rows are drawn once for the method; severity {@code s} is applied with the seed a scenario
 * variant of the same name would use ({@code variant:NAME}, then the severity), from the test's
 * seed ({@link GauntletSeed}'s precedence). Severity 0 gives the rows unchanged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(SweepExtension.class)
public @interface PerturbationSweep {
  /** A registered perturbation ({@code gauntlet run --list}, test-time kinds), or a team's own. */
  String value();

  /** Its parameters, each {@code name=value}: {@code {"column=age", "shift=1"}}. */
  String[] params() default {};

  /** n: the severities k/n for k = 0..n; ignored when {@link #severities()} are given. */
  int sweep() default 4;

  /** The severities, increasing, each within [0, 1]; empty: {@link #sweep()}. */
  double[] severities() default {};
}
