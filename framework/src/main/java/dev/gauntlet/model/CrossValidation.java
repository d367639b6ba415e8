package dev.gauntlet.model;

import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Accuracy;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * Seeded stratified k-fold cross-validation of a classifier's accuracy.
 *
 * <p>Folds: the rows of each class (the label read by {@link Table#classCodes}) are shuffled with
 * the stream {@code seed.derive("stratified-folds", class)}; then the classes' shuffled rows, one
 * class after another, are dealt to folds 0, 1, ..., k-1, 0, 1, ... in turn. So each fold holds
 * each class in proportion (within one row) and fold sizes differ by at most one. Fold {@code i} is
 * the test part of round {@code i}; the model is trained on the other rows, in their table order.
 */
public final class CrossValidation {
  private final int folds;
  private final Seed seed;

  private CrossValidation(int folds, Seed seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("number of folds is less than 2: " + folds);
    }
    this.folds = folds;
    this.seed = Objects.requireNonNull(seed, "seed");
  }

  /** Stratified {@code folds}-fold cross-validation with fold assignment drawn from the seed. */
  public static CrossValidation stratified(int folds, Seed seed) {
    return new CrossValidation(folds, seed);
  }

  public int folds() {
    return folds;
  }

  public Seed seed() {
    return seed;
  }

  /**
   * The accuracy of each round and their mean.
   *
   * @param foldAccuracy the accuracy on fold {@code i}'s rows of the model trained on the rest
   * @param meanAccuracy the unweighted mean of the fold accuracies
   */
  public record Result(List<Double> foldAccuracy, double meanAccuracy) {
    public Result {
      foldAccuracy = List.copyOf(foldAccuracy);
    }
  }

  /** The fold (0 to k-1) of each row of {@code table}, stratified by the label column. */
  public int[] assignFolds(Table table, String label) {
    int[] classes = table.classCodes(label);
    int classCount = Arrays.stream(classes).max().orElse(-1) + 1;
    int[] fold = new int[classes.length];
    int dealt = 0;
    for (int c = 0; c < classCount; c++) {
      int size = 0;
      for (int v : classes) {
        size += v == c ? 1 : 0;
      }
      int[] members = new int[size];
      int m = 0;
      for (int r = 0; r < classes.length; r++) {
        if (classes[r] == c) {
          members[m++] = r;
        }
      }
      PermutationSampler.shuffle(seed.rng("stratified-folds", c), members);
      for (int row : members) {
        fold[row] = dealt++ % folds;
      }
    }
    return fold;
  }

  /** Trains and tests the model once per fold. */
  public Result run(ModelTrainer<? extends Classifier> trainer, Table table, String label) {
    Objects.requireNonNull(trainer, "trainer");
    if (table.rowCount() < folds) {
      throw new IllegalArgumentException(
          table.rowCount() + " rows cannot make " + folds + " non-empty folds");
    }
    Accuracy.requireLabels(table, label); // before any training, with accuracy's message
    int[] fold = assignFolds(table, label);
    List<Double> accuracies = new ArrayList<>(folds);
    for (int i = 0; i < folds; i++) {
      int[] test = rowsWhere(fold, i, true);
      int[] train = rowsWhere(fold, i, false);
      Classifier model = trainer.fit(table.take(train));
      accuracies.add(accuracy(model, table.take(test), label));
    }
    double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    return new Result(accuracies, mean);
  }

  /**
   * {@link Accuracy#of}: the share of rows whose most probable class is the label (compared as
   * text, as {@link Labels} reads it); NaN for a table without rows. A missing label is a user
   * error.
   */
  public static double accuracy(Classifier model, Table table, String label) {
    return Accuracy.of(model, table, label);
  }

  private static int[] rowsWhere(int[] fold, int i, boolean equal) {
    int[] out = new int[fold.length];
    int n = 0;
    for (int r = 0; r < fold.length; r++) {
      if ((fold[r] == i) == equal) {
        out[n++] = r;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
