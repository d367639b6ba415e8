/**
 * Expectations: the bounds a scenario's results must meet, and their judgement.
 *
 * <h2>API overview</h2>
 *
 * <ul>
 *   <li>{@link dev.gauntlet.expectations.ExpectationParser} reads text such as {@code accuracy drop
 *       <= 0.05 under covariate-shift} into an {@link dev.gauntlet.expectations.Expectation}
 *       (metric from {@link dev.gauntlet.metrics.MetricCatalog}, {@link
 *       dev.gauntlet.expectations.Measure}, {@link dev.gauntlet.expectations.Comparison}, bound,
 *       {@link dev.gauntlet.expectations.Target}). {@code forVariants(severitiesByVariant)} checks
 *       variant names and {@code at} severities while parsing; {@code withoutVariants()} leaves
 *       that to evaluation. Mistakes are {@link
 *       dev.gauntlet.expectations.ExpectationSyntaxException}s carrying an {@link
 *       dev.gauntlet.expectations.ExpectationError} (column inside the text, found, expected, fix);
 *       {@code toUserInput("credit.yaml:31:7 (expectations[2])")} places it.
 *   <li>{@link dev.gauntlet.expectations.Measurements} is what a run measured (clean values, values
 *       per variant and severity, per slice, with bootstrap intervals); the scenario runner
 *       implements it, {@link dev.gauntlet.expectations.MeasurementTable} is an in-memory one.
 *   <li>{@link dev.gauntlet.expectations.Expectations#evaluate} judges expectations against a run
 *       (and an earlier run, for {@code drop vs baseline}) into {@link
 *       dev.gauntlet.expectations.Verdict}s: measured figure, bound, pass or fail, the variant,
 *       severity and slice that decided it, each covered sweep's {@link
 *       dev.gauntlet.expectations.BreakingPoint}, and the seed.
 *   <li>{@link dev.gauntlet.expectations.JunitXml} writes verdicts as a JUnit XML report, one test
 *       case per expectation.
 * </ul>
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * expectation := ["worst_slice"] METRIC ["drop" ["vs" "baseline"]] OP NUMBER
 *                ["under" (VARIANT | "every" "variant") ["at" SEVERITY]]
 * </pre>
 *
 * <pre>
 * accuracy &gt;= 0.85                                  the clean test rows
 * accuracy &gt;= 0.7 under covariate-shift at 0.5      one severity of one variant
 * accuracy drop &lt;= 0.05 under covariate-shift       every severity of the variant
 * accuracy drop &lt;= 0.1 under every variant          every severity of every variant
 * worst_slice accuracy &gt;= 0.7                       the worst slice
 * attack_success_rate &lt;= 0.2 under pgd at 0.3
 * accuracy drop vs baseline &lt;= 0.01                 against an earlier run's report
 * </pre>
 *
 * {@code drop} is a move in the direction the catalogue calls worse (a rise of {@code log_loss}),
 * from the clean test rows' value.
 */
package dev.gauntlet.expectations;
