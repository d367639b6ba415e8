package dev.gauntlet.metrics;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.NumberText;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of the top-label confidence (the highest class probability) against whether that
 * class is right, over 10 equal-width bins on edges {@code 0, 0.1, ..., 1} (the doubles {@code b *
 * 0.1}, as numpy's {@code linspace}).
 *
 * <p>Bins are {@code (lo, hi]} by default (Guo et al. 2017), except that the first is {@code [0,
 * 0.1]} so that a confidence of 0 counts; with {@code leftClosed} a confidence goes to bin {@code
 * min(floor(10 conf), 9)}. A confidence at most {@link #TOLERANCE} outside [0, 1] (float32 model
 * outputs such as 1.0000001) is clamped into it; one further out, or NaN, is a user error naming
 * the row, since leaving it out of every bin while counting it in N would understate the ECE. ECE =
 * {@code sum_b (n_b / N) |acc_b - conf_b|}; MCE = the largest {@code |acc_b - conf_b|} over
 * non-empty bins. Over-confidence = {@code sum_b (n_b / N) max(conf_b - acc_b, 0)},
 * under-confidence the same with the difference reversed; they add up to the ECE.
 *
 * @param ece expected calibration error
 * @param mce maximum calibration error
 * @param overconfidence the part of the ECE from bins more confident than accurate
 * @param underconfidence the part of the ECE from bins more accurate than confident
 * @param bins the reliability diagram: one entry per bin, empty bins included
 */
public record Calibration(
    double ece, double mce, double overconfidence, double underconfidence, List<Bin> bins) {
  public static final int BINS = 10;

  /**
   * How far outside [0, 1] a confidence may be and still count as 0 or 1: a few float32 rounding
   * steps (float32's epsilon is 1.2e-7), far below a bin's width.
   */
  public static final double TOLERANCE = 1e-6;

  /**
   * One bin of the reliability diagram.
   *
   * @param lo lower edge
   * @param hi upper edge
   * @param count rows in the bin
   * @param accuracy share of them whose top class is right (NaN when empty)
   * @param confidence their mean confidence (NaN when empty)
   */
  public record Bin(double lo, double hi, int count, double accuracy, double confidence) {}

  /**
   * @param confidence each row's top-label probability
   * @param correct whether each row's top label is its true class
   * @param leftClosed bins {@code [lo, hi)} (the last closed) instead of {@code (lo, hi]}
   * @throws UserInputException for a confidence that is NaN or more than {@link #TOLERANCE} outside
   *     [0, 1], naming its row (counted from 1)
   */
  public static Calibration of(double[] confidence, boolean[] correct, boolean leftClosed) {
    int n = confidence.length;
    if (correct.length != n) {
      throw new IllegalArgumentException(n + " confidences for " + correct.length + " rows");
    }
    int[] count = new int[BINS];
    double[] hits = new double[BINS];
    double[] conf = new double[BINS];
    for (int i = 0; i < n; i++) {
      double c = clamped(confidence[i], i);
      int b = bin(c, leftClosed);
      count[b]++;
      hits[b] += correct[i] ? 1 : 0;
      conf[b] += c;
    }
    double ece = 0;
    double mce = 0;
    double over = 0;
    double under = 0;
    List<Bin> bins = new ArrayList<>(BINS);
    for (int b = 0; b < BINS; b++) {
      double lo = b * 0.1;
      double hi = b + 1 == BINS ? 1.0 : (b + 1) * 0.1;
      if (count[b] == 0) {
        bins.add(new Bin(lo, hi, 0, Double.NaN, Double.NaN));
        continue;
      }
      double acc = hits[b] / count[b];
      double cf = conf[b] / count[b];
      double weight = (double) count[b] / n;
      ece += weight * Math.abs(acc - cf);
      over += weight * Math.max(cf - acc, 0);
      under += weight * Math.max(acc - cf, 0);
      mce = Math.max(mce, Math.abs(acc - cf));
      bins.add(new Bin(lo, hi, count[b], acc, cf));
    }
    return new Calibration(
        n == 0 ? Double.NaN : ece, n == 0 ? Double.NaN : mce, over, under, List.copyOf(bins));
  }

  /**
   * The bin that {@link #of} puts one row's confidence in (default bins, {@code (lo, hi]}), for
   * callers that aggregate rows themselves (weighted bootstrap resamples).
   *
   * @param row the row's index, for the message of a confidence outside [0, 1]
   * @throws UserInputException as {@link #of} does
   */
  public static int binOf(double confidence, int row) {
    return bin(clamped(confidence, row), false);
  }

  /** The confidence of row {@code i} within [0, 1], or a user error. */
  private static double clamped(double c, int i) {
    if (c >= 0 && c <= 1) {
      return c;
    }
    if (c >= -TOLERANCE && c <= 1 + TOLERANCE) {
      return c < 0 ? 0 : 1;
    }
    throw new UserInputException(
        "confidence of row " + (i + 1),
        Double.isNaN(c) ? "NaN" : NumberText.format(c),
        "a probability within [0, 1] (within " + TOLERANCE + " for rounding)",
        "pass the model's probabilities, not scores or logits; drop or repair rows without one");
  }

  /** The bin of a confidence within [0, 1]. */
  private static int bin(double c, boolean leftClosed) {
    if (leftClosed) {
      return Math.min((int) Math.floor(c * BINS), BINS - 1);
    }
    for (int b = 0; b < BINS; b++) {
      double lo = b * 0.1;
      double hi = b + 1 == BINS ? 1.0 : (b + 1) * 0.1;
      if (c > lo && c <= hi) {
        return b;
      }
    }
    return 0; // a confidence of 0: the first bin is closed on the left
  }
}
