package dev.gauntlet.junit;

import dev.gauntlet.junit.internal.TableResolver;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects synthetic rows into a test method's {@code Table} parameter: a generator fitted on a CSV
 * file, sampled. No scenario file needed.
 *
 * <pre>
 * &#64;Test
 * void theModelCopesWithSyntheticApplicants(
 *     &#64;SyntheticTable(fit = "data/credit.csv", label = "class", rows = 500) Table applicants) {
 *   ...
 * }
 * </pre>
 *
 * <p>The CSV is looked up on the test class path first, then relative to the module's folder. The
 * rows are those a scenario with this data section ({@code data: {synthetic: {generator, fit},
 * label, rows}}) and the test's seed runs on; the seed follows {@link GauntletSeed}'s precedence
 * (method, class, configuration parameter {@code gauntlet.seed}, else random) and a failing test
 * shows it with the line that reruns it. In a {@link PerturbationSweep} method the parameter may be
 * a {@link PerturbedTable}: these rows perturbed at the invocation's severity.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(TableResolver.class)
public @interface SyntheticTable {
  /** The CSV the generator is fitted on: a class-path resource, else a path in the module. */
  String fit();

  /**
   * A registered generator ({@code gauntlet generate --list}): {@code gaussian-copula}, {@code
   * independent}, {@code auto}, {@code vae} and {@code gan} with gauntlet-generators-deep, or a
   * team's own.
   */
  String generator() default "gaussian-copula";

  /** Rows to draw. */
  int rows() default 1000;

  /** The label column; empty: the CSV's last column. */
  String label() default "";

  /** Id columns (kept, never modelled as features). */
  String[] id() default {};

  /** The generator's parameters, each {@code name=value}: {@code {"epochs=50", "batch=64"}}. */
  String[] params() default {};
}
