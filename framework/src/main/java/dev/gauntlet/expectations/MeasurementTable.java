package dev.gauntlet.expectations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link Measurements} held in memory, built value by value: for tests, for Java callers that
 * measured on their own, and for an earlier run read back from its report.
 *
 * <pre>
 * Measurements m = MeasurementTable.builder(42)
 *     .variant("covariate-shift", 0, 0.5, 1)
 *     .clean("accuracy", Measurement.of(0.81))
 *     .measured("accuracy", "covariate-shift", 0.5, Measurement.of(0.74, 0.70, 0.78))
 *     .build();
 * </pre>
 */
public final class MeasurementTable implements Measurements {
  private record Place(String metric, String variant, double severity) {}

  private final long seed;
  private final Map<String, List<Double>> variants;
  private final Map<Place, Measurement> values;
  private final Map<Place, Map<String, Measurement>> slices;

  private MeasurementTable(Builder b) {
    this.seed = b.seed;
    Map<String, List<Double>> v = new LinkedHashMap<>();
    b.variants.forEach((name, severities) -> v.put(name, List.copyOf(severities)));
    this.variants = Collections.unmodifiableMap(v);
    this.values = Map.copyOf(b.values);
    Map<Place, Map<String, Measurement>> s = new HashMap<>();
    b.slices.forEach(
        (place, bySlice) -> s.put(place, Collections.unmodifiableMap(new TreeMap<>(bySlice))));
    this.slices = s;
  }

  /** A table for the run with this root seed. */
  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public List<String> variants() {
    return List.copyOf(variants.keySet());
  }

  @Override
  public List<Double> severities(String variant) {
    return variants.getOrDefault(variant, List.of());
  }

  @Override
  public Optional<Measurement> clean(String metric) {
    return Optional.ofNullable(values.get(new Place(metric, null, 0)));
  }

  @Override
  public Optional<Measurement> measured(String metric, String variant, double severity) {
    return Optional.ofNullable(values.get(new Place(metric, variant, severity)));
  }

  @Override
  public Map<String, Measurement> cleanBySlice(String metric) {
    return slices.getOrDefault(new Place(metric, null, 0), Map.of());
  }

  @Override
  public Map<String, Measurement> measuredBySlice(String metric, String variant, double severity) {
    return slices.getOrDefault(new Place(metric, variant, severity), Map.of());
  }

  /** Collects the values of a {@link MeasurementTable}. */
  public static final class Builder {
    private final long seed;
    private final Map<String, List<Double>> variants = new LinkedHashMap<>();
    private final Map<Place, Measurement> values = new HashMap<>();
    private final Map<Place, Map<String, Measurement>> slices = new HashMap<>();

    private Builder(long seed) {
      this.seed = seed;
    }

    /** Declares a variant and its severities (increasing), in the scenario's order. */
    public Builder variant(String name, double... severities) {
      Objects.requireNonNull(name, "name");
      for (int i = 1; i < severities.length; i++) {
        if (!(severities[i] > severities[i - 1])) {
          throw new IllegalArgumentException(
              "severities of " + name + " are not increasing: " + Arrays.toString(severities));
        }
      }
      List<Double> list = new ArrayList<>();
      for (double s : severities) {
        list.add(s);
      }
      variants.put(name, list);
      return this;
    }

    /** The metric on the clean test rows. */
    public Builder clean(String metric, Measurement value) {
      values.put(new Place(Objects.requireNonNull(metric, "metric"), null, 0), value);
      return this;
    }

    /** The metric under a declared variant at one of its severities. */
    public Builder measured(String metric, String variant, double severity, Measurement value) {
      values.put(place(metric, variant, severity), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The metric on one slice of the clean test rows. */
    public Builder cleanSlice(String metric, String slice, Measurement value) {
      slices
          .computeIfAbsent(
              new Place(Objects.requireNonNull(metric, "metric"), null, 0), k -> new HashMap<>())
          .put(Objects.requireNonNull(slice, "slice"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The metric on one slice under a declared variant at one of its severities. */
    public Builder measuredSlice(
        String metric, String slice, String variant, double severity, Measurement value) {
      slices
          .computeIfAbsent(place(metric, variant, severity), k -> new HashMap<>())
          .put(Objects.requireNonNull(slice, "slice"), Objects.requireNonNull(value, "value"));
      return this;
    }

    private Place place(String metric, String variant, double severity) {
      Objects.requireNonNull(metric, "metric");
      List<Double> severities = variants.get(variant);
      if (severities == null) {
        throw new IllegalArgumentException("not a declared variant: " + variant);
      }
      if (!severities.contains(severity)) {
        throw new IllegalArgumentException(
            "not a severity of "
                + variant
                + ": "
                + severity
                + ", its severities are "
                + severities);
      }
      return new Place(metric, variant, severity);
    }

    public MeasurementTable build() {
      return new MeasurementTable(this);
    }
  }
}
