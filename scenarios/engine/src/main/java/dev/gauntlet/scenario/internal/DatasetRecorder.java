package dev.gauntlet.scenario.internal;

import dev.gauntlet.data.Table;
import dev.gauntlet.scenario.GeneratedDatasets;
import dev.gauntlet.scenario.spec.VariantSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the datasets a run makes, from any thread, in {@link GeneratedDatasets}' layout; off
 * (keeps nothing) unless the scenario asks for them. The order of the files does not depend on the
 * order the threads finish in.
 */
final class DatasetRecorder {
  private final boolean on;
  private final List<String> variants;
  private final Map<Key, Table> tables = new ConcurrentHashMap<>();
  private final Map<String, String> skipped = new ConcurrentHashMap<>();

  /** A file's place in the order: the clean rows first, then by variant, severity and role. */
  private record Key(int variant, double severity, int role, String path) {}

  private static final List<String> ROLES = List.of("data", "train", "test", "synthetic");

  DatasetRecorder(boolean on, List<VariantSpec> variants) {
    this.on = on;
    this.variants = variants.stream().map(VariantSpec::name).toList();
  }

  boolean on() {
    return on;
  }

  /** The data section's rows and their split. */
  void clean(ScenarioData data) {
    if (on) {
      tables.put(new Key(-1, 0, 0, "data.csv"), data.all());
      tables.put(new Key(-1, 0, 1, "train.csv"), data.split().train());
      tables.put(new Key(-1, 0, 2, "test.csv"), data.split().test());
    }
  }

  /** A variant's {@code train} or {@code test} rows at a severity above 0. */
  void rows(String variant, double severity, String role, Table t) {
    if (on && severity > 0) {
      tables.put(
          new Key(
              variants.indexOf(variant),
              severity,
              ROLES.indexOf(role),
              GeneratedDatasets.pathOf(variant, severity, role)),
          t);
    }
  }

  /** A synthetic variant's generated rows. */
  void synthetic(String variant, Table t) {
    if (on) {
      tables.put(new Key(variants.indexOf(variant), -1, 3, variant + "/synthetic.csv"), t);
    }
  }

  /** A variant that makes no dataset, and why. */
  void skipped(String variant, String reason) {
    if (on) {
      skipped.put(variant, reason);
    }
  }

  GeneratedDatasets datasets() {
    Map<String, Table> files = new LinkedHashMap<>();
    tables.entrySet().stream()
        .sorted(
            Map.Entry.comparingByKey(
                Comparator.comparingInt(Key::variant)
                    .thenComparingDouble(Key::severity)
                    .thenComparingInt(Key::role)))
        .forEach(e -> files.put(e.getKey().path(), e.getValue()));
    Map<String, String> why = new LinkedHashMap<>();
    for (String v : variants) {
      if (skipped.containsKey(v)) {
        why.put(v, skipped.get(v));
      }
    }
    return new GeneratedDatasets(files, why);
  }
}
