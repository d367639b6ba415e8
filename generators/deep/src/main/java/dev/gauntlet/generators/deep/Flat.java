package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Some of a network's weights kept in one flat array that requires gradients, cut into per-layer
 * views for each pass. PyTorch accumulates every view's gradient into the flat array's, so one
 * zeroing and one Adam update per step cover all layers, where per-layer arrays took one JNI call
 * (and several libtorch operations) per layer each. Adam works element by element, so the updates
 * are exactly those of per-layer arrays.
 */
final class Flat {
  private final NDArray flat;
  private final List<String> names = new ArrayList<>();
  private final List<Shape> shapes = new ArrayList<>();
  private final long[] cuts;
  private final String id;
  private final boolean transposed;
  private final Map<String, NDArray> clipViews = new HashMap<>();
  private final NDArray zero;

  /** The weights {@code names} of {@code params}, as an array of {@code manager}. */
  Flat(NDManager manager, Params params, List<String> names, String id) {
    this(manager, params, names, id, false);
  }

  /**
   * With {@code transposed}, every matrix is kept and viewed transposed, (out, in) for a dense
   * layer's (in, out) weights, as libtorch's {@code linear} takes them ({@link Nn#linear}: one
   * fused operation for {@code x W + b}). Adam works element by element, so the updates are the
   * same; {@link #readBack} transposes back.
   */
  Flat(NDManager manager, Params params, List<String> names, String id, boolean transposed) {
    this.id = id;
    this.transposed = transposed;
    int total = 0;
    for (String n : names) {
      total += params.get(n).length;
    }
    float[] all = new float[total];
    cuts = new long[Math.max(0, names.size() - 1)];
    int at = 0;
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      float[] v = params.get(n);
      long[] shape = params.shape(n);
      if (transposed && shape.length == 2) {
        transpose(v, 0, all, at, (int) shape[0], (int) shape[1]);
        shape = new long[] {shape[1], shape[0]};
      } else {
        System.arraycopy(v, 0, all, at, v.length);
      }
      at += v.length;
      if (i < cuts.length) {
        cuts[i] = at;
      }
      this.names.add(n);
      shapes.add(new Shape(shape));
    }
    flat = manager.create(all, new Shape(total));
    flat.setRequiresGradient(true);
    zero = Nn.scalar(manager, 0);
  }

  /**
   * The weights by name, as views of {@code step}. Made inside a gradient collector, they pass
   * their gradients to the flat array; with {@code frozen}, they are detached and get none.
   */
  Map<String, NDArray> views(NDManager step, boolean frozen) {
    NDArray source = frozen ? Nn.own(step, flat.stopGradient()) : flat;
    NDList parts = cuts.length == 0 ? new NDList(source) : source.split(cuts);
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      NDArray p = Nn.own(step, parts.get(i));
      if (shapes.get(i).dimension() != 1) {
        p = p.reshape(shapes.get(i));
      }
      out.put(names.get(i), p);
    }
    return out;
  }

  /** Sets the gradient to zero (PyTorch accumulates gradients). */
  void zeroGradient() {
    try (NDArray g = flat.getGradient()) {
      g.subi(g);
    }
  }

  /** One step of {@code optimizer} with the accumulated gradient. */
  void update(Optimizer optimizer) {
    try (NDArray g = flat.getGradient()) {
      optimizer.update(id, flat, g);
    }
  }

  /**
   * Clips weights {@code name} (a vector) to [{@code lo}, {@code hi}] in place, outside any
   * gradient collector. The weights are a view of the flat array made on the first call: indexing
   * the flat array each time (parsing the index, then a get and a set) took about 3 % of a VAE
   * step.
   */
  void clip(String name, double lo, double hi) {
    NDArray part = clipViews.computeIfAbsent(name, this::view);
    try (NDArray clipped = part.clip(lo, hi)) {
      part.muli(zero).addi(clipped);
    }
  }

  /** A view of weights {@code name} in the flat array, as a vector. */
  private NDArray view(String name) {
    int i = names.indexOf(name);
    long from = i == 0 ? 0 : cuts[i - 1];
    return flat.get(new NDIndex().addSliceDim(from, from + shapes.get(i).size()));
  }

  /** Copies the trained values back into {@code params}. */
  void readBack(Params params) {
    float[] all = flat.toFloatArray();
    int at = 0;
    for (int i = 0; i < names.size(); i++) {
      float[] v = params.get(names.get(i));
      Shape shape = shapes.get(i);
      if (transposed && shape.dimension() == 2) {
        transpose(all, at, v, 0, (int) shape.get(0), (int) shape.get(1));
      } else {
        System.arraycopy(all, at, v, 0, v.length);
      }
      at += v.length;
    }
  }

  /** Writes the transpose of row-major (rows, cols) {@code from} to {@code to}. */
  private static void transpose(float[] from, int at, float[] to, int into, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        to[into + c * rows + r] = from[at + r * cols + c];
      }
    }
  }
}
