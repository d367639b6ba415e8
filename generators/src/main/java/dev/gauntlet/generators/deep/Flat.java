package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
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

  /** The weights {@code names} of {@code params}, as an array of {@code manager}. */
  Flat(NDManager manager, Params params, List<String> names, String id) {
    this.id = id;
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
      System.arraycopy(v, 0, all, at, v.length);
      at += v.length;
      if (i < cuts.length) {
        cuts[i] = at;
      }
      this.names.add(n);
      shapes.add(new Shape(params.shape(n)));
    }
    flat = manager.create(all, new Shape(total));
    flat.setRequiresGradient(true);
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

  /** Copies the trained values back into {@code params}. */
  void readBack(Params params) {
    float[] all = flat.toFloatArray();
    int at = 0;
    for (String n : names) {
      float[] v = params.get(n);
      System.arraycopy(all, at, v, 0, v.length);
      at += v.length;
    }
  }
}
