/**
 * Evaluation of a model on a table, beyond one number for all rows: metrics by slice ({@link
 * dev.gauntlet.evaluation.Slices}, {@link dev.gauntlet.evaluation.SliceReport}), the search for
 * weak segments ({@link dev.gauntlet.evaluation.WeakSegments}) and permutation feature importance
 * ({@link dev.gauntlet.evaluation.PermutationImportance}).
 *
 * <p>These take a table and a model's predictions on it; the pure functions of numbers they apply
 * live in {@link dev.gauntlet.metrics}.
 */
package dev.gauntlet.evaluation;
