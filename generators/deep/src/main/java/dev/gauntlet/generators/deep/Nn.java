package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
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

  /**
   * {@code x W + b} for dense layer {@code name} whose weights are viewed transposed, (out, in), as
   * by a {@link Flat} made with {@code transposed}: one libtorch {@code linear} (a fused {@code
   * addmm}) instead of a product and an addition.
   */
  static NDArray linear(NDArray x, Map<String, NDArray> p, String name) {
    return Linear.linear(x, p.get(name + ".w"), p.get(name + ".b")).singletonOrThrow();
  }

  static NDArray relu(NDArray x) {
    return Activation.relu(x);
  }

  /** A float32 scalar of {@code manager}; keep it alive until after backward. */
  static NDArray scalar(NDManager manager, double v) {
    return manager.create((float) v);
  }

  /** Moves {@code a} (say, a function of weights alone) to {@code manager}, to be freed with it. */
  static NDArray own(NDManager manager, NDArray a) {
    a.attach(manager);
    return a;
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

  /** {@code count} entries of {@code order} from {@code from}, as longs (tensor indices). */
  static long[] slice(int[] order, int from, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = order[from + i];
    }
    return out;
  }

  /**
   * Rows {@code rows[from .. from + count)} of a row-major {@code data} of {@code width} columns.
   */
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
