package dev.gauntlet.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of the top-label confidence (the highest class probability) against whether that
 * class is right, over 10 equal-width bins on edges {@code 0, 0.1, ..., 1} (the doubles {@code b *
 * 0.1}, as numpy's {@code linspace}).
 *
 * <p>Bins are {@code (lo, hi]} by default (Guo et al. 2017); with {@code leftClosed} a confidence
 * goes to bin {@code min(floor(10 conf), 9)}. ECE = {@code sum_b (n_b / N) |acc_b - conf_b|}; MCE =
 * the largest {@code |acc_b - conf_b|} over non-empty bins. Over-confidence = {@code sum_b (n_b /
 * N) max(conf_b - acc_b, 0)}, under-confidence the same with the difference reversed; they add up
 * to the ECE.
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
   */
  public static Calibration of(double[] confidence, boolean[] correct, boolean leftClosed) {
    int n = confidence.length;
    int[] count = new int[BINS];
    double[] hits = new double[BINS];
    double[] conf = new double[BINS];
    for (int i = 0; i < n; i++) {
      int b = bin(confidence[i], leftClosed);
      if (b >= 0) {
        count[b]++;
        hits[b] += correct[i] ? 1 : 0;
        conf[b] += confidence[i];
      }
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
    return -1; // a confidence of 0 (or outside [0, 1]) falls in no bin
  }
}
