package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.PerturbationResult;
import dev.gauntlet.spi.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract's first line: severity 0 is no change. Every registered perturbation (taken from the
 * registry, so a new one is covered without editing this test) at severity 0 gives back the same
 * schema, levels, cells and row order, on tables with decimals, missing cells and missing labels,
 * and under declared ranges that the input itself breaks.
 */
class SeverityZeroTest {

  /** credit_g with a decimal column, 5 % of its cells blanked and a few labels missing. */
  static Table messy() {
    Table t = Data.creditG();
    double[] ratio = new double[t.rowCount()];
    for (int r = 0; r < ratio.length; r++) {
      // Decimals such as 0.8 and 0.3, which a shift computed as m + (v - m) rounds.
      ratio[r] = (r % 10) / 10.0 + (r % 7) * 1.1;
    }
    t = t.withColumn(ColumnSpec.numeric("ratio"), NumericColumn.of(ratio));
    t =
        Registry.perturbations()
            .get("missing")
            .create(Map.of("rate", "0.05", "columns", "duration;purpose;ratio;age;job"))
            .apply(t, 1, Seed.of(8));
    CategoricalColumn y = t.categorical("class");
    int[] codes = y.codes();
    for (int r = 0; r < codes.length; r += 97) {
      codes[r] = CategoricalColumn.MISSING;
    }
    return Domain.replace(t, "class", CategoricalColumn.of(codes, y.levels()));
  }

  static final List<Map<String, String>> COMMON =
      List.of(
          Map.of(),
          ValidityPropertyTest.COMMON,
          // Ranges the input breaks (ages 19 to 75): cells the perturbation leaves alone stay.
          Map.of("ranges", "age:30..50;duration:10..20"));

  @Test
  void everyRegisteredPerturbationAtSeverityZeroGivesTheInputBack() {
    List<PerturbationProvider> providers = Registry.perturbations().all();
    assertThat(providers).hasSizeGreaterThanOrEqualTo(17);
    for (Table input : List.of(Data.creditG(), messy())) {
      for (PerturbationProvider provider : providers) {
        for (Map<String, String> common : COMMON) {
          Map<String, String> params = new HashMap<>(common);
          params.putAll(ValidityPropertyTest.REQUIRED.getOrDefault(provider.name(), Map.of()));
          Perturbation p = provider.create(params);
          // Two seeds: a draw that ignores severity shows with either; each seed costs about 2.5 s,
          // paid again for every mutant that survives in a mutation run.
          for (long s = 1; s <= 2; s++) {
            String where = provider.name() + " " + params + " seed " + s;
            Table out = p.apply(input, 0, Seed.of(s));
            requireSame(where, input, out);
            PerturbationResult result = p.applyWithSummary(input, 0, Seed.of(s));
            requireSame(where + " (with summary)", input, result.table());
            assertThat(result.rowsAdded() + result.rowsRemoved() + result.rowsReplaced())
                .as(where + ": rows added, removed, replaced")
                .isZero();
            assertThat(result.cellsChanged()).as(where + ": cells changed").hasValue(0);
            assertThat(result.valuesClipped()).as(where + ": values clipped").hasValue(0);
            result
                .effectiveSampleSize()
                .ifPresent(
                    ess ->
                        assertThat(ess)
                            .as(where + ": effective sample size")
                            .isCloseTo(
                                input.rowCount(), org.assertj.core.data.Offset.offset(1e-9)));
          }
        }
      }
    }
  }

  /** The same schema, levels, cells (bit for bit) and row order, or a message saying where not. */
  static void requireSame(String where, Table input, Table out) {
    assertThat(out.schema()).as(where + ": schema").isEqualTo(input.schema());
    assertThat(out.rowCount()).as(where + ": rows").isEqualTo(input.rowCount());
    for (int j = 0; j < input.columnCount(); j++) {
      String name = input.schema().get(j).name();
      if (input.column(j) instanceof CategoricalColumn a) {
        CategoricalColumn b = (CategoricalColumn) out.column(j);
        assertThat(b.levels()).as(where + ": levels of " + name).isEqualTo(a.levels());
      }
      for (int r = 0; r < input.rowCount(); r++) {
        boolean same =
            input.column(j) instanceof NumericColumn a
                ? Double.doubleToLongBits(a.get(r))
                    == Double.doubleToLongBits(((NumericColumn) out.column(j)).get(r))
                : ((CategoricalColumn) input.column(j)).code(r)
                    == ((CategoricalColumn) out.column(j)).code(r);
        if (!same) {
          fail(
              where
                  + ": "
                  + name
                  + " row "
                  + (r + 1)
                  + " was "
                  + input.column(j).format(r)
                  + ", is "
                  + out.column(j).format(r));
        }
      }
    }
    assertThat(out).as(where).isEqualTo(input);
  }
}
