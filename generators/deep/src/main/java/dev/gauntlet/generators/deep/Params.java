package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.internal.JsonAt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A network's weights as named float arrays, kept on the Java side between training and sampling so
 * that a fitted and a restored generator run the very same numbers. Dense layer {@code name} has
 * {@code name.w} of shape (in, out) and {@code name.b} of shape (out).
 *
 * <p>In JSON each array is {@code {"shape": [..], "data": base64}}, the data being the floats in
 * row-major order as little-endian IEEE-754 float32.
 */
final class Params {
  private final Map<String, float[]> values = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();

  /** Records names and shapes only (see {@link #shapesOnly}). */
  private final boolean shapesOnly;

  Params() {
    this(false);
  }

  private Params(boolean shapesOnly) {
    this.shapesOnly = shapesOnly;
  }

  /**
   * Params that record the names and shapes {@code init} gives, with no values: what a restored
   * network is checked against, without allocating (or drawing) a second network.
   */
  static Params shapesOnly() {
    return new Params(true);
  }

  /**
   * Adds a dense layer with Xavier-uniform weights (bound {@code sqrt(6 / (in + out))}) drawn from
   * {@code rng} and zero biases. DJL's default initializer trained much worse than PyTorch's here;
   * Xavier matched PyTorch's losses.
   */
  void dense(String name, int in, int out, UniformRandomProvider rng) {
    if (shapesOnly) {
      shapes.put(name + ".w", new long[] {in, out});
      shapes.put(name + ".b", new long[] {out});
      return;
    }
    float[] w = new float[Math.multiplyExact(in, out)];
    double bound = Math.sqrt(6.0 / (in + out));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    put(name + ".w", w, in, out);
    put(name + ".b", new float[out], out);
  }

  void put(String name, float[] data, long... shape) {
    if (shapesOnly) {
      shapes.put(name, shape);
      return;
    }
    if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != data.length) {
      throw new IllegalArgumentException(
          name + ": " + data.length + " values do not fill shape " + Arrays.toString(shape));
    }
    values.put(name, data);
    shapes.put(name, shape);
  }

  float[] get(String name) {
    float[] v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no weights named " + name + " among " + values.keySet());
    }
    return v;
  }

  /** The shape of weights {@code name}. */
  long[] shape(String name) {
    get(name);
    return shapes.get(name).clone();
  }

  /** A copy whose values are its own (training may go on changing these). */
  Params copy() {
    Params c = new Params();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      c.put(e.getKey(), e.getValue().clone(), shapes.get(e.getKey()).clone());
    }
    return c;
  }

  Map<String, float[]> values() {
    return values;
  }

  Map<String, long[]> shapes() {
    return shapes;
  }

  /** The weights as arrays of {@code manager}, with gradients attached when {@code train}. */
  Map<String, NDArray> toArrays(NDManager manager, boolean train) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      NDArray a = manager.create(e.getValue(), new Shape(shapes.get(e.getKey())));
      if (train) {
        a.setRequiresGradient(true);
      }
      out.put(e.getKey(), a);
    }
    return out;
  }

  /** Copies trained values back from arrays made by {@link #toArrays}. */
  void readBack(Map<String, NDArray> arrays) {
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      values.put(e.getKey(), e.getValue().toFloatArray());
    }
  }

  JsonNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      ObjectNode a = o.putObject(e.getKey());
      for (long d : shapes.get(e.getKey())) {
        a.withArray("shape").add(d);
      }
      ByteBuffer buf =
          ByteBuffer.allocate(e.getValue().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(e.getValue());
      a.put("data", Base64.getEncoder().encodeToString(buf.array()));
    }
    return o;
  }

  /** The weights {@link #toJson} wrote, checked: a problem is a {@link FieldException}. */
  static Params fromJson(JsonAt node) {
    Params p = new Params();
    for (Map.Entry<String, JsonAt> e :
        node.fields("an object of named weights {\"enc0.w\": {\"shape\": ..., \"data\": ...}}")
            .entrySet()) {
      JsonAt a = e.getValue().object("{\"shape\": [...], \"data\": \"base64...\"}");
      List<JsonAt> dims = a.get("shape").list("a list of sizes, e.g. [128, 64]");
      long[] shape = new long[dims.size()];
      long size = 1;
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i).asInt(1, Integer.MAX_VALUE);
        size *= shape[i];
      }
      JsonAt text = a.get("data");
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(text.asText());
      } catch (IllegalArgumentException x) {
        throw text.bad("text that is not base64", "base64 of little-endian float32 values");
      }
      if (bytes.length != size * Float.BYTES) {
        throw text.bad(
            bytes.length + " bytes",
            size * Float.BYTES
                + " bytes: "
                + size
                + " float32 values for shape "
                + Arrays.toString(shape));
      }
      float[] data = new float[bytes.length / Float.BYTES];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
      for (float v : data) {
        if (!Float.isFinite(v)) {
          throw text.bad(
              "weights that are not finite numbers (" + v + ")", "finite float32 values");
        }
      }
      p.put(e.getKey(), data, shape);
    }
    return p;
  }

  /**
   * Checks that these weights have every name and shape of {@code expected} (the weights a network
   * of the saved options and transform has) and no others, at {@code node}.
   */
  void checkLike(Params expected, JsonAt node) {
    for (Map.Entry<String, long[]> e : expected.shapes.entrySet()) {
      long[] shape = shapes.get(e.getKey());
      if (shape == null) {
        throw node.get(e.getKey())
            .bad(
                "weights "
                    + UserInputException.quote(e.getKey())
                    + " of shape "
                    + Arrays.toString(e.getValue()));
      }
      if (!Arrays.equals(shape, e.getValue())) {
        throw node.get(e.getKey())
            .get("shape")
            .bad(
                Arrays.toString(shape),
                Arrays.toString(e.getValue()) + ", as the options and the transform give");
      }
    }
    for (String name : shapes.keySet()) {
      if (!expected.shapes.containsKey(name)) {
        throw node.get(name)
            .bad(
                "weights the network does not have",
                "only the weights " + expected.shapes.keySet());
      }
    }
  }
}
