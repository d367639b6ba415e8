package dev.gauntlet.scenario;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.internal.ScenarioData;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.nio.file.Path;

/**
 * The rows a scenario's data section gives, before the split, for code that wants a table without a
 * whole run (the JUnit extension's injected tables): a CSV read, a world's rows or a generator's
 * rows, with the label and id columns marked. A scenario with {@code seed: S} and this data section
 * runs on exactly these rows for {@code Seed.of(S)}.
 */
public final class ScenarioRows {
  private ScenarioRows() {}

  /**
   * @param data the data section; its paths resolve against {@code folder}
   * @param root the scenario's root seed ({@code Seed.of(seed)})
   * @param source what named the data, for messages ({@code @SyntheticTable on CreditTest.fits})
   */
  public static Table of(DataSpec data, Path folder, Seed root, String source) {
    ScenarioSpec spec = ScenarioSpec.builder().data(data).build();
    return ScenarioData.load(spec, folder, root, source).all();
  }
}
