package dev.gauntlet.generators.internal;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How the generators (statistical and deep) make id columns (role {@link ColumnRole#ID}): not
 * modelled, since an id describes no row, but drawn fresh for every generated row, so that no
 * sample id is copied out and no id repeats.
 *
 * <ul>
 *   <li>A categorical id is {@value #TEXT_PREFIX} and 16 random hexadecimal digits (64 bits): in a
 *       million rows two are equal with probability below 3e-8, and none is a sample id unless the
 *       sample's ids have that very form.
 *   <li>A numeric id is a whole number above every id of the sample: the sample's largest plus 1
 *       plus a random whole number below 2^52 (in a million rows two are equal with probability
 *       about 1e-4).
 * </ul>
 *
 * Each batch draws its ids from its own stream ({@code stream.derive("ids")}), so the ids, like the
 * other columns, depend only on the seed.
 */
public final class FreshIds {
  public static final String TEXT_PREFIX = "syn-";

  private FreshIds() {}

  /**
   * One id column.
   *
   * @param name the column
   * @param above for a numeric id, the sample's largest id (0 when it had none); null for text
   */
  public record IdModel(String name, Double above) {}

  /** The id columns of a sample, in schema order. */
  public static List<IdModel> fit(Table sample) {
    List<IdModel> out = new ArrayList<>();
    for (ColumnSpec spec : sample.schema().columns()) {
      if (spec.role() != ColumnRole.ID) {
        continue;
      }
      Column c = sample.column(spec.name());
      Double above = null;
      if (c instanceof NumericColumn n) {
        double max = 0;
        for (double v : n.values()) {
          if (v > max) {
            max = v;
          }
        }
        above = Math.floor(max);
      }
      out.add(new IdModel(spec.name(), above));
    }
    return out;
  }

  /** The schema without its id columns: what the models generate. */
  public static Schema dataSchema(Schema schema) {
    return Schema.of(schema.columns().stream().filter(c -> c.role() != ColumnRole.ID).toList());
  }

  /** {@code data} with fresh id columns inserted, columns in {@code schema}'s order. */
  public static Table insert(Table data, Schema schema, List<IdModel> ids, Seed stream) {
    if (ids.isEmpty()) {
      return data;
    }
    int rows = data.rowCount();
    List<Column> columns = new ArrayList<>(schema.size());
    int id = 0;
    for (ColumnSpec spec : schema.columns()) {
      if (spec.role() != ColumnRole.ID) {
        columns.add(data.column(spec.name()));
        continue;
      }
      IdModel model = ids.get(id);
      UniformRandomProvider rng = stream.derive("ids").rng(spec.name(), id);
      id++;
      if (model.above() != null) {
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
          values[r] = model.above() + 1 + (rng.nextLong() >>> 12);
        }
        columns.add(NumericColumn.of(values));
      } else {
        String[] values = new String[rows];
        for (int r = 0; r < rows; r++) {
          values[r] = TEXT_PREFIX + String.format(Locale.ROOT, "%016x", rng.nextLong());
        }
        columns.add(CategoricalColumn.ofValues(values));
      }
    }
    return Table.of(schema, columns);
  }
}
