package dev.gauntlet.model;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.CompactFeatures;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import java.util.List;
import java.util.Objects;

/**
 * A training table as the built-in models see it: the label read as classes, and the feature
 * columns (role {@link ColumnRole#FEATURE}, the label excluded) encoded by a {@link FeatureEncoder}
 * fitted on this table; encoded when a model asks, densely ({@link #x()}) or without the one-hot
 * zeros ({@link #compact()}).
 */
record TrainingSet(Labels labels, FeatureEncoder encoder, Table table) {

  static TrainingSet of(Table table, String label) {
    Objects.requireNonNull(table, "table");
    Labels labels = Labels.of(table, label);
    List<String> features =
        table.schema().names(ColumnRole.FEATURE).stream().filter(n -> !n.equals(label)).toList();
    FeatureEncoder encoder = FeatureEncoder.fit(table, features);
    return new TrainingSet(labels, encoder, table);
  }

  /** The encoded features as a dense matrix (rows x encoded width doubles). */
  FeatureMatrix x() {
    return encoder.transform(table);
  }

  /** The encoded features without their one-hot zeros. */
  CompactFeatures compact() {
    return encoder.compact(table);
  }

  static String checkLabel(String label) {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("label column name is blank: \"" + label + "\"");
    }
    return label;
  }
}
