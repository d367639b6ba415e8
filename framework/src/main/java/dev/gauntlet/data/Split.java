package dev.gauntlet.data;

/** Two disjoint parts of a table, each in the original row order. */
public record Split(Table train, Table test) {

  static Split of(Table table, boolean[] inTest) {
    return new Split(table.filter(r -> !inTest[r]), table.filter(r -> inTest[r]));
  }
}
