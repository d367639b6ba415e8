package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.Registry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Poisoning: the training set is changed and the model retrained through a {@link ModelTrainer};
 * the test set stays clean.
 */
public final class Poisoning {
  private Poisoning() {}

  /**
   * Clean against poisoned accuracy on the same clean test set.
   *
   * @param cleanAccuracy the model trained on the clean training set
   * @param poisonedAccuracy the model trained on the poisoned one
   */
  public record Result(double cleanAccuracy, double poisonedAccuracy) {
    public double drop() {
      return cleanAccuracy - poisonedAccuracy;
    }
  }

  /**
   * A backdoor's effect.
   *
   * @param cleanAccuracy test accuracy of the model trained on clean data
   * @param poisonedCleanAccuracy test accuracy (untriggered rows) of the backdoored model
   * @param attackSuccessRate share of triggered test rows, of classes other than the target, that
   *     the backdoored model puts in the target class
   * @param baselineTriggerRate the same share for the clean model (how often the trigger alone
   *     leads there)
   * @param trigger the pattern, column to value
   * @param poisonedRows training rows stamped and relabelled
   * @param triggeredRows test rows stamped for the success rate
   */
  public record BackdoorResult(
      double cleanAccuracy,
      double poisonedCleanAccuracy,
      double attackSuccessRate,
      double baselineTriggerRate,
      Map<String, String> trigger,
      int poisonedRows,
      int triggeredRows) {
    public BackdoorResult {
      trigger = Map.copyOf(trigger);
    }
  }

  /** Trains on clean and on poisoned (the perturbation at the severity) training data. */
  public static Result retrain(
      ModelTrainer<? extends Classifier> trainer,
      Table train,
      Table test,
      String label,
      Perturbation poison,
      double severity,
      Seed seed) {
    Classifier clean = trainer.fit(train);
    Classifier poisoned = trainer.fit(poison.apply(train, severity, seed));
    return new Result(
        CrossValidation.accuracy(clean, test, label),
        CrossValidation.accuracy(poisoned, test, label));
  }

  /**
   * Flips the labels of the {@code round(rate * rows)} training rows nearest the decision boundary
   * of a model trained on the clean table (smallest gap between the two most probable classes), to
   * the runner-up class: the flips that move a boundary most for their number.
   */
  public static Table nearBoundaryFlip(
      ModelTrainer<? extends Classifier> trainer, Table train, String label, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate is not within [0, 1]: " + rate);
    }
    Classifier model = trainer.fit(train);
    ClassProbabilities p = model.predictProba(train);
    Integer[] order = new Integer[train.rowCount()];
    double[] gap = new double[order.length];
    int[] runnerUp = new int[order.length];
    for (int r = 0; r < order.length; r++) {
      order[r] = r;
      int top = p.argmax(r);
      int second = -1;
      for (int c = 0; c < p.classCount(); c++) {
        if (c != top && (second < 0 || p.get(r, c) > p.get(r, second))) {
          second = c;
        }
      }
      runnerUp[r] = second;
      gap[r] = second < 0 ? Double.POSITIVE_INFINITY : p.get(r, top) - p.get(r, second);
    }
    Arrays.sort(order, (a, b) -> Double.compare(gap[a], gap[b]));
    Params params = Params.of("near-boundary-flip", Map.of("label", label), Domain.PARAMETERS);
    CategoricalColumn y = Domain.labelColumn(train, label, params);
    int[] codes = y.codes();
    int k = (int) Math.round(rate * order.length);
    for (int i = 0, done = 0; i < order.length && done < k; i++) {
      int r = order[i];
      if (runnerUp[r] < 0) {
        continue;
      }
      String target = model.classes().get(runnerUp[r]);
      int code = y.levels().indexOf(target);
      if (code >= 0 && code != codes[r]) {
        codes[r] = code;
        done++;
      } else if (code >= 0) {
        // The row's label is already the runner-up: flip it to the model's top class instead.
        int top = y.levels().indexOf(model.classes().get(p.argmax(r)));
        if (top >= 0 && top != codes[r]) {
          codes[r] = top;
          done++;
        }
      }
    }
    return Domain.replace(
        train, label, Domain.labelValues(train, label, CategoricalColumn.of(codes, y.levels())));
  }

  /**
   * Poisons the training set with the {@code backdoor} perturbation (parameters as its provider's:
   * target, rate, trigger), retrains, and stamps the trigger on the test rows not of the target
   * class to measure the attack success rate.
   */
  public static BackdoorResult backdoor(
      ModelTrainer<? extends Classifier> trainer,
      Table train,
      Table test,
      String label,
      Map<String, String> params,
      Seed seed) {
    Objects.requireNonNull(params, "params");
    Map<String, String> all = new HashMap<>(params);
    all.putIfAbsent("label", label);
    Perturbation backdoor = Registry.perturbations().get("backdoor").create(all);
    Table poisonedTrain = backdoor.apply(train, 1, seed);
    Params p = Params.of("backdoor", all, Registry.perturbations().get("backdoor").parameters());
    Map<String, String> trigger = Poison.trigger(Domain.of(train, p), p);
    String target = p.string("target");
    int poisoned = 0;
    for (int r = 0; r < train.rowCount(); r++) {
      boolean stamped = true;
      for (Map.Entry<String, String> e : trigger.entrySet()) {
        stamped &= poisonedTrain.column(e.getKey()).format(r).equals(e.getValue());
      }
      poisoned += stamped && poisonedTrain.column(label).format(r).equals(target) ? 1 : 0;
    }
    Classifier clean = trainer.fit(train);
    Classifier dirty = trainer.fit(poisonedTrain);
    List<Integer> victims = new ArrayList<>();
    for (int r = 0; r < test.rowCount(); r++) {
      if (!test.column(label).format(r).equals(target)) {
        victims.add(r);
      }
    }
    int[] rows = victims.stream().mapToInt(Integer::intValue).toArray();
    Table triggered = Poison.stamp(test.take(rows), trigger, identity(rows.length));
    return new BackdoorResult(
        CrossValidation.accuracy(clean, test, label),
        CrossValidation.accuracy(dirty, test, label),
        share(dirty.predict(triggered), target),
        share(clean.predict(triggered), target),
        trigger,
        poisoned,
        rows.length);
  }

  private static double share(String[] predicted, String target) {
    int hit = 0;
    for (String s : predicted) {
      hit += s.equals(target) ? 1 : 0;
    }
    return predicted.length == 0 ? Double.NaN : (double) hit / predicted.length;
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
