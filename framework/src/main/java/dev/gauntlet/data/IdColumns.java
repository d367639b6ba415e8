package dev.gauntlet.data;

import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the columns of a read table that identify rows rather than describe them (a customer
 * number, an order reference, a timestamp read as text), and gives them the role {@link
 * ColumnRole#ID}. An id column is kept in every output but counts as data in no figure and no
 * model: one-hot encoding a column with a level per row costs a feature per row and measures
 * nothing.
 *
 * <p>A column looks like an id when it is a categorical feature (numeric and date columns never
 * are: a total amount is not an id; labels and weights keep their roles) with at least {@value
 * #MIN_ROWS} non-missing values of which at least {@value #MIN_DISTINCT_SHARE} (95 %) are distinct.
 * Declared ids and declared non-ids override the detection.
 */
public final class IdColumns {
  /** The fewest non-missing values a column needs to be detected as an id. */
  public static final int MIN_ROWS = 50;

  /** The least share of distinct values among the non-missing ones for an id. */
  public static final double MIN_DISTINCT_SHARE = 0.95;

  private IdColumns() {}

  /** How one column came to be an id. */
  public enum Reason {
    /** Named by the caller ({@code --id}). */
    DECLARED,
    /** Found by the rule of the class comment. */
    DETECTED
  }

  /**
   * One id column.
   *
   * @param column the column's name
   * @param reason declared or detected
   * @param distinct the distinct non-missing values (0 for a declared numeric column)
   * @param values the non-missing values
   */
  public record IdColumn(String column, Reason reason, int distinct, int values) {
    public IdColumn {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A table with its id columns marked.
   *
   * @param table the table, id columns with role {@link ColumnRole#ID}
   * @param ids the id columns, in schema order
   * @param kept columns that the detection would have made ids but were declared not to be
   */
  public record Marked(Table table, List<IdColumn> ids, List<String> kept) {
    public Marked {
      Objects.requireNonNull(table, "table");
      ids = List.copyOf(ids);
      kept = List.copyOf(kept);
    }

    /** The names of the id columns. */
    public List<String> names() {
      return ids.stream().map(IdColumn::column).toList();
    }

    /** The same roles on another table with these columns (a synthetic copy, a holdout). */
    public Table applyTo(Table other) {
      Table out = other;
      for (IdColumn id : ids) {
        if (out.schema().contains(id.column())) {
          out = out.withRole(id.column(), ColumnRole.ID);
        }
      }
      return out;
    }
  }

  /** Whether a column looks like an id by the rule of the class comment. */
  public static boolean looksLikeId(Table table, String column) {
    ColumnSpec spec = table.schema().spec(column);
    if (spec.role() != ColumnRole.FEATURE
        || !(table.column(column) instanceof CategoricalColumn c)) {
      return false;
    }
    int values = c.size() - c.missingCount();
    return values >= MIN_ROWS && distinct(c) >= MIN_DISTINCT_SHARE * values;
  }

  /**
   * Marks the id columns: the declared ones, and those detected among the rest unless declared not
   * to be ids.
   *
   * @param declaredIds columns to treat as ids whatever their content (any type; not the label)
   * @param notIds columns never to treat as ids
   * @throws UserInputException when a named column does not exist, is named in both lists, or is
   *     the table's label
   */
  public static Marked mark(
      Table table, Collection<String> declaredIds, Collection<String> notIds) {
    Schema schema = table.schema();
    for (String name : declaredIds) {
      schema.require(name);
      if (notIds.contains(name)) {
        throw new UserInputException(
            "--id " + name + " and --not-id " + name,
            "one column declared both an id and not an id",
            "each column in at most one of --id and --not-id",
            "keep " + UserInputException.quote(name) + " in the option you mean");
      }
      if (schema.spec(name).role() == ColumnRole.LABEL) {
        throw new UserInputException(
            "--id " + UserInputException.quote(name),
            "the label column",
            "a column that is not the label",
            "choose another column, or another label");
      }
    }
    notIds.forEach(schema::require);
    Set<String> declared = new LinkedHashSet<>(declaredIds);
    List<IdColumn> ids = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    Table out = table;
    for (ColumnSpec spec : schema.columns()) {
      String name = spec.name();
      Column column = table.column(name);
      int values = column.size() - column.missingCount();
      int distinct = column instanceof CategoricalColumn c ? distinct(c) : 0;
      if (declared.contains(name)) {
        ids.add(new IdColumn(name, Reason.DECLARED, distinct, values));
        out = out.withRole(name, ColumnRole.ID);
      } else if (spec.role() == ColumnRole.ID) {
        // an id already (a role given when the table was made)
        ids.add(new IdColumn(name, Reason.DECLARED, distinct, values));
      } else if (looksLikeId(table, name)) {
        if (notIds.contains(name)) {
          kept.add(name);
        } else {
          ids.add(new IdColumn(name, Reason.DETECTED, distinct, values));
          out = out.withRole(name, ColumnRole.ID);
        }
      }
    }
    return new Marked(out, ids, kept);
  }

  /** Detection alone: {@code mark(table, [], [])}. */
  public static Marked mark(Table table) {
    return mark(table, List.of(), List.of());
  }

  /** The table without its id columns: what figures and models see. */
  public static Table withoutIds(Table table) {
    List<String> names = table.schema().names(ColumnRole.ID);
    return names.isEmpty() ? table : table.drop(names.toArray(String[]::new));
  }

  /**
   * {@code table} without the columns that are ids in it or in {@code rolesFrom}: a synthetic table
   * read without roles loses the real table's ids.
   */
  public static Table withoutIds(Table table, Table rolesFrom) {
    List<String> ids = new ArrayList<>(table.schema().names(ColumnRole.ID));
    for (String name : rolesFrom.schema().names(ColumnRole.ID)) {
      if (table.schema().contains(name) && !ids.contains(name)) {
        ids.add(name);
      }
    }
    return ids.isEmpty() ? table : table.drop(ids.toArray(String[]::new));
  }

  /** The names of the columns that are not ids, in schema order. */
  public static List<String> dataColumns(Table table) {
    return table.schema().columns().stream()
        .filter(c -> c.role() != ColumnRole.ID)
        .map(ColumnSpec::name)
        .toList();
  }

  private static int distinct(CategoricalColumn c) {
    int n = 0;
    for (int count : c.counts()) {
      if (count > 0) {
        n++;
      }
    }
    return n;
  }
}
