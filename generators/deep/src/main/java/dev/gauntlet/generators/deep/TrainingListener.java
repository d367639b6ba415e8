package dev.gauntlet.generators.deep;

import java.util.Locale;
import java.util.Map;

/** Hears about training progress, once per epoch. */
@FunctionalInterface
public interface TrainingListener {

  /**
   * One finished epoch.
   *
   * @param model "vae" or "gan"
   * @param epoch 1-based epoch number
   * @param epochs epochs planned
   * @param losses mean losses over the epoch, by name
   * @param rowsPerSecond training rows processed per second in this epoch
   */
  record Epoch(
      String model, int epoch, int epochs, Map<String, Double> losses, double rowsPerSecond) {

    /** One line, e.g. {@code vae epoch 12/300 loss 3.2104 14210 rows/s}. */
    public String line() {
      return String.format(Locale.ROOT, "%s epoch %d/%d  %s", model, epoch, epochs, detail());
    }

    /** The losses and speed, e.g. {@code loss 3.2104 14210 rows/s}. */
    public String detail() {
      StringBuilder b = new StringBuilder();
      losses.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s %.4f  ", k, v)));
      b.append(String.format(Locale.ROOT, "%.0f rows/s", rowsPerSecond));
      return b.toString();
    }
  }

  void onEpoch(Epoch epoch);

  /** Says nothing. */
  TrainingListener SILENT = e -> {};

  /** One line per epoch on stderr. */
  TrainingListener STDERR = e -> System.err.println(e.line());
}
