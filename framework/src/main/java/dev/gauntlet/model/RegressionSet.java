package dev.gauntlet.model;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.List;
import java.util.Objects;

/**
 * A training table as the built-in regressors see it: the label read as numbers, and the feature
 * columns (role {@link ColumnRole#FEATURE}, the label excluded) encoded by a {@link FeatureEncoder}
 * fitted on this table.
 */
record RegressionSet(double[] y, FeatureEncoder encoder, FeatureMatrix x) {

  static RegressionSet of(Table table, String label) {
    Objects.requireNonNull(table, "table");
    double[] y = targets(table, label);
    List<String> features =
        table.schema().names(ColumnRole.FEATURE).stream().filter(n -> !n.equals(label)).toList();
    FeatureEncoder encoder = FeatureEncoder.fit(table, features);
    return new RegressionSet(y, encoder, encoder.transform(table));
  }

  /**
   * A numeric label column's values; a categorical label or a missing value is a user error, since
   * no number can be learned from it.
   */
  static double[] targets(Table table, String label) {
    Column c = table.column(label);
    if (!(c instanceof NumericColumn n)) {
      throw new UserInputException(
          "label column " + quote(label),
          "a categorical column",
          "a numeric column: a regressor predicts numbers",
          "use a classifier for a categorical label, or a numeric label column");
    }
    for (int r = 0; r < n.size(); r++) {
      if (n.isMissing(r)) {
        throw new UserInputException(
            "label column " + quote(label) + ", row " + (r + 1),
            "a missing label (" + n.missingCount() + " rows in all)",
            "a number for every training row",
            "drop the rows without a label, or fill them in");
      }
    }
    return n.values();
  }
}
