package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Network pieces shared by the VAE and the GAN. Every operation takes the batch array first, so
 * results belong to the batch's manager and are freed with it.
 *
 * <p>DJL trap: {@code add/sub/mul/div} with a Java number inside a gradient collector makes a
 * scalar tensor that DJL frees while PyTorch may still need it for backward (about 1 seeded run in
 * 80 ended with corrupted weights). So no method here takes a Java number for tensor arithmetic;
 * scalars are made with {@link #scalar} in a manager that outlives the backward pass.
 */
final class Nn {
  private Nn() {}

  /** {@code x W + b} for dense layer {@code name}. */
  static NDArray dense(NDArray x, Map<String, NDArray> p, String name) {
    return x.matMul(p.get(name + ".w")).add(p.get(name + ".b"));
  }

  static NDArray relu(NDArray x) {
    return Activation.relu(x);
  }

  /** A float32 scalar of {@code manager}; keep it alive until after backward. */
  static NDArray scalar(NDManager manager, double v) {
    return manager.create((float) v);
  }

  /**
   * Activates each span of network output {@code out} (plus optional {@code noise} of the same
   * shape): tanh for scalars, softmax of {@code (out + noise) * invTau} for one-hots.
   */
  static NDArray activate(
      NDArray out, NDArray noise, NDArray invTau, List<DataTransform.Span> spans) {
    NDArray y = noise == null ? out : out.add(noise);
    NDList pieces = split(y, spans);
    NDList parts = new NDList(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      NDArray slice = pieces.get(i);
      if (spans.get(i).tanh()) {
        parts.add(slice.tanh());
      } else {
        parts.add((invTau == null ? slice : slice.mul(invTau)).softmax(1));
      }
    }
    return NDArrays.concat(parts, 1);
  }

  /**
   * The columns of {@code x} cut at every span start, in one operation (spans must tile the columns
   * in order, as {@link DataTransform#spans()} do).
   */
  static NDList split(NDArray x, List<DataTransform.Span> spans) {
    if (spans.size() == 1) {
      return new NDList(x);
    }
    long[] cuts = new long[spans.size() - 1];
    for (int i = 1; i < spans.size(); i++) {
      cuts[i - 1] = spans.get(i).start();
    }
    return x.split(cuts, 1);
  }

  /** Tanh of scalar spans and log-softmax of one-hot spans, concatenated in layout order. */
  static NDArray tanhAndLogSoftmax(NDArray out, List<DataTransform.Span> spans) {
    NDList pieces = split(out, spans);
    NDList parts = new NDList(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      NDArray slice = pieces.get(i);
      parts.add(spans.get(i).tanh() ? slice.tanh() : slice.logSoftmax(1));
    }
    return NDArrays.concat(parts, 1);
  }

  /** Moves {@code a} (say, a function of weights alone) to {@code manager}, to be freed with it. */
  static NDArray own(NDManager manager, NDArray a) {
    a.attach(manager);
    return a;
  }

  /**
   * Log-softmax of the chosen spans of {@code out} (indices into {@code spans}, which tile the
   * columns), concatenated in order.
   */
  static NDArray logSoftmaxSpans(NDArray out, List<DataTransform.Span> spans, int[] chosen) {
    NDList pieces = split(out, spans);
    NDList parts = new NDList(chosen.length);
    for (int i : chosen) {
      parts.add(pieces.get(i).logSoftmax(1));
    }
    return NDArrays.concat(parts, 1);
  }

  /** A (rows, cols) array of standard Gaussians drawn in Java from {@code rng}. */
  static NDArray gaussian(NDManager m, UniformRandomProvider rng, int rows, int cols) {
    return m.create(gaussians(rng, rows * cols), new Shape(rows, cols));
  }

  static float[] gaussians(UniformRandomProvider rng, int n) {
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) g.sample();
    }
    return out;
  }

  /** A standard Gumbel variate. */
  static double gumbel(UniformRandomProvider rng) {
    double u = rng.nextDouble();
    while (u == 0) {
      u = rng.nextDouble();
    }
    return -Math.log(-Math.log(u));
  }

  /** Rows {@code rows[i]} of a row-major matrix of {@code width} columns. */
  static float[] gather(float[] data, int width, int[] rows, int from, int count) {
    float[] out = new float[count * width];
    for (int i = 0; i < count; i++) {
      System.arraycopy(data, rows[from + i] * width, out, i * width, width);
    }
    return out;
  }

  /** Sets every gradient of {@code params} to zero (PyTorch accumulates them). */
  static void zeroGradients(Map<String, NDArray> params) {
    for (NDArray p : params.values()) {
      try (NDArray g = p.getGradient()) {
        g.subi(g);
      }
    }
  }
}
