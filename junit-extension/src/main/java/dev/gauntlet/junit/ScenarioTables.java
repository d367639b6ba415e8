package dev.gauntlet.junit;

import dev.gauntlet.data.Table;
import java.util.Objects;

/**
 * The rows of a scenario run, as split: the model was fitted on {@code train} and measured on
 * {@code test} (clean, before any variant changed them).
 */
public record ScenarioTables(Table train, Table test) {
  public ScenarioTables {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
  }
}
