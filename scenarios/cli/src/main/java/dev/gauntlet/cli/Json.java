package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON output helpers: one mapper, and doubles that are not finite written as null. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** Puts a number, or null when it is NaN or infinite (JSON has no such numbers). */
  static void put(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  static ArrayNode array(ObjectNode node, String key, double[] values) {
    ArrayNode a = node.putArray(key);
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
    return a;
  }

  static ArrayNode array(ObjectNode node, String key, long[] values) {
    ArrayNode a = node.putArray(key);
    for (long v : values) {
      a.add(v);
    }
    return a;
  }

  /**
   * Puts catalogue figures ({@link dev.gauntlet.metrics.MetricValues}) under their ids, in the
   * catalogue's order; an id outside the catalogue is a bug.
   */
  static void putFigures(ObjectNode node, java.util.Map<String, Double> figures) {
    for (String id : dev.gauntlet.metrics.MetricCatalog.ids()) {
      Double v = figures.get(id);
      if (v != null) {
        put(node, id, v);
      }
    }
    for (String id : figures.keySet()) {
      if (dev.gauntlet.metrics.MetricCatalog.find(id).isEmpty()) {
        throw new IllegalStateException("not a catalogue id: " + id);
      }
    }
  }

  static String write(Object node) throws com.fasterxml.jackson.core.JsonProcessingException {
    return MAPPER.writeValueAsString(node);
  }
}
