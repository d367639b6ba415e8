package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gauntlet.FieldException;
import java.util.List;

/**
 * Slices of the test rows, by one column: a categorical column's levels, or a numeric column's
 * quantile bins.
 *
 * <pre>
 * slices: [foreign_worker, {column: age, bins: 3}]
 * </pre>
 *
 * @param column the column
 * @param bins for a numeric column, the number of quantile bins; default 4
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SliceSpec(String column, Integer bins) {
  public SliceSpec {
    if (column == null || column.isBlank()) {
      throw new FieldException(
          "column", column == null ? "nothing" : "\"" + column + "\"", "a column name");
    }
    if (bins != null && (bins < 2 || bins > 100)) {
      throw new FieldException("bins", bins.toString(), "a whole number within [2, 100]");
    }
  }

  /** The short form: a column name. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SliceSpec of(String column) {
    if (column == null) {
      throw new FieldException(List.of(), "null", "a column name", null);
    }
    return new SliceSpec(column, null);
  }

  public int binsOrDefault() {
    return bins == null ? dev.gauntlet.evaluation.Slices.DEFAULT_BINS : bins;
  }
}
