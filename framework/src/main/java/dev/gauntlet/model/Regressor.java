package dev.gauntlet.model;

import dev.gauntlet.data.Table;

/** A model that predicts a number per row. */
public interface Regressor {

  /** One prediction per row of {@code table}. */
  double[] predict(Table table);
}
