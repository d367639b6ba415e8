package dev.gauntlet.generators.deep;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-dimensional Gaussian mixture fitted by EM. Components start at evenly spaced quantiles of
 * the sorted data (no randomness), each with the data's variance over the component count; after
 * EM, components lighter than a threshold are dropped and EM runs again on the rest, until none is
 * dropped. Standard deviations have a floor of 1/1000 of the data's range (or 1e-3 when the range
 * is 0), so a component on a single repeated value (a 0/1 column) stays usable.
 */
final class Mixture {
  private Mixture() {}

  /**
   * Fits up to {@code maxModes} components to sorted data.
   *
   * @return {means, stds, weights}
   */
  static double[][] fit(double[] sorted, int maxModes, double minWeight, int iterations) {
    int n = sorted.length;
    double largest = Math.max(Math.abs(sorted[0]), Math.abs(sorted[n - 1]));
    if (largest > HUGE) {
      // squares of values this large overflow: fit to the values scaled by a power of two (exact)
      // and scale the means and deviations back
      int exponent = Math.getExponent(largest);
      double[] scaled = new double[n];
      for (int i = 0; i < n; i++) {
        scaled[i] = Math.scalb(sorted[i], -exponent);
      }
      double[][] f = fitScaled(scaled, maxModes, minWeight, iterations);
      for (int j = 0; j < f[0].length; j++) {
        f[0][j] = Math.scalb(f[0][j], exponent);
        f[1][j] = Math.scalb(f[1][j], exponent);
      }
      return f;
    }
    return fitScaled(sorted, maxModes, minWeight, iterations);
  }

  /** Beyond this magnitude the variance's squares could overflow (they do above about 1e154). */
  private static final double HUGE = 1e100;

  private static double[][] fitScaled(
      double[] sorted, int maxModes, double minWeight, int iterations) {
    int n = sorted.length;
    double range = sorted[n - 1] - sorted[0];
    double floor = range > 0 ? range * 1e-3 : 1e-3;
    int distinct = 1;
    for (int i = 1; i < n && distinct <= maxModes; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    int k = Math.min(maxModes, distinct);
    double mean = 0;
    for (double v : sorted) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (double v : sorted) {
      var += (v - mean) * (v - mean);
    }
    var /= n;
    double[] mu = new double[k];
    double[] sd = new double[k];
    double[] w = new double[k];
    for (int j = 0; j < k; j++) {
      mu[j] = sorted[(int) Math.min(n - 1, Math.floor((j + 0.5) * n / k))];
      sd[j] = Math.max(floor, Math.sqrt(var / k));
      w[j] = 1.0 / k;
    }
    while (true) {
      em(sorted, mu, sd, w, floor, iterations);
      List<Integer> keep = new ArrayList<>();
      for (int j = 0; j < mu.length; j++) {
        if (w[j] >= minWeight) {
          keep.add(j);
        }
      }
      if (keep.size() == mu.length || keep.isEmpty()) {
        return new double[][] {mu, sd, w};
      }
      double[] mu2 = new double[keep.size()];
      double[] sd2 = new double[keep.size()];
      double[] w2 = new double[keep.size()];
      double total = 0;
      for (int i = 0; i < keep.size(); i++) {
        mu2[i] = mu[keep.get(i)];
        sd2[i] = sd[keep.get(i)];
        w2[i] = w[keep.get(i)];
        total += w2[i];
      }
      for (int i = 0; i < w2.length; i++) {
        w2[i] /= total;
      }
      mu = mu2;
      sd = sd2;
      w = w2;
    }
  }

  private static void em(
      double[] x, double[] mu, double[] sd, double[] w, double floor, int iterations) {
    int n = x.length;
    int k = mu.length;
    double[] resp = new double[k];
    double previous = Double.NEGATIVE_INFINITY;
    for (int it = 0; it < iterations; it++) {
      double[] sumR = new double[k];
      double[] sumRx = new double[k];
      double[] sumRxx = new double[k];
      double logLik = 0;
      for (double v : x) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double z = (v - mu[j]) / sd[j];
          resp[j] = Math.log(w[j]) - Math.log(sd[j]) - 0.5 * z * z;
          max = Math.max(max, resp[j]);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
          resp[j] = Math.exp(resp[j] - max);
          total += resp[j];
        }
        logLik += max + Math.log(total);
        for (int j = 0; j < k; j++) {
          double r = resp[j] / total;
          sumR[j] += r;
          sumRx[j] += r * v;
          sumRxx[j] += r * v * v;
        }
      }
      for (int j = 0; j < k; j++) {
        if (sumR[j] < 1e-12) {
          w[j] = 0;
          continue;
        }
        w[j] = sumR[j] / n;
        mu[j] = sumRx[j] / sumR[j];
        double variance = Math.max(0, sumRxx[j] / sumR[j] - mu[j] * mu[j]);
        sd[j] = Math.max(floor, Math.sqrt(variance));
      }
      if (logLik - previous < 1e-6 * Math.abs(logLik)) {
        return;
      }
      previous = logLik;
    }
  }
}
