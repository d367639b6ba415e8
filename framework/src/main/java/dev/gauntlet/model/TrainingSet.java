package dev.gauntlet.model;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import java.util.List;
import java.util.Objects;

/**
 * A training table as the built-in models see it: the label read as classes, and the feature
 * columns (role {@link ColumnRole#FEATURE}, the label excluded) encoded by a {@link FeatureEncoder}
 * fitted on this table.
 */
record TrainingSet(Labels labels, FeatureEncoder encoder, FeatureMatrix x) {

  static TrainingSet of(Table table, String label) {
    Objects.requireNonNull(table, "table");
    Labels labels = Labels.of(table, label);
    List<String> features =
        table.schema().names(ColumnRole.FEATURE).stream().filter(n -> !n.equals(label)).toList();
    FeatureEncoder encoder = FeatureEncoder.fit(table, features);
    return new TrainingSet(labels, encoder, encoder.transform(table));
  }

  static String checkLabel(String label) {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("label column name is blank: \"" + label + "\"");
    }
    return label;
  }
}
