package dev.gauntlet.spi;

import java.util.List;
import java.util.Map;

/** Test-only perturbation: drops each row with probability {@code rate * severity}. */
public final class DropRowsPerturbationProvider implements PerturbationProvider {

  @Override
  public String name() {
    return "drop-rows";
  }

  @Override
  public String description() {
    return "drops random rows (test only)";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(new Parameter("rate", "0.5", "share of rows dropped at severity 1"));
  }

  @Override
  public Perturbation create(Map<String, String> params) {
    double rate = Double.parseDouble(params.getOrDefault("rate", "0.5"));
    return (table, severity, seed) -> {
      var rng = seed.rng();
      boolean[] drop = new boolean[table.rowCount()];
      for (int r = 0; r < drop.length; r++) {
        drop[r] = rng.nextDouble() < rate * severity;
      }
      return table.filter(r -> !drop[r]);
    };
  }
}
