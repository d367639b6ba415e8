package dev.gauntlet.junit;

import dev.gauntlet.junit.internal.TableResolver;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects the rows of a simulated world (a world spec file, see the README's Simulated worlds) into
 * a test method's {@code Table} parameter.
 *
 * <pre>
 * &#64;Test
 * void churnIsLearnable(&#64;WorldTable(value = "worlds/customers.json", rows = 300) Table customers) {
 *   ...
 * }
 * </pre>
 *
 * <p>The file is looked up as {@link SyntheticTable}'s CSV is, and the rows are seeded the same
 * way: they are the rows a scenario with {@code data: {world: FILE, rows: N}} and the test's seed
 * runs on. In a {@link PerturbationSweep} method the parameter may be a {@link PerturbedTable}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(TableResolver.class)
public @interface WorldTable {
  /** The world spec file: a class-path resource, else a path in the module. */
  String value();

  /** Rows to draw. */
  int rows() default 1000;

  /** Id columns (kept, never modelled as features), such as a world's noise-free truth column. */
  String[] id() default {};
}
