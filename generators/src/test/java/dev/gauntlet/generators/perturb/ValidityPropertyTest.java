package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.Registry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Every registered perturbation, at random severities and seeds, makes only possible values: the
 * columns keep their types; categorical values stay within the input's levels (typos excepted, as
 * new levels are their point); whole-number columns stay whole; non-negative columns stay
 * non-negative; declared ranges hold; immutable columns hold only input values (perturbations that
 * keep row identity leave them unchanged). The declared ranges hold the input, so every value out
 * of them would be made by the perturbation.
 */
class ValidityPropertyTest {
  static final Map<String, String> COMMON =
      Map.of(
          "immutable", "personal_status;credit_amount",
          "ranges", "age:19..75;duration:4..72");

  /** Parameters the providers require, on credit_g. */
  static final Map<String, Map<String, String>> REQUIRED =
      Map.of(
          "selection-bias", Map.of("column", "age"),
          "prior-shift", Map.of("proportions", "good=0.4;bad=0.6"),
          "concept-drift", Map.of("column", "duration"),
          "backdoor", Map.of("target", "good"),
          "concept-shift",
              Map.of(
                  "world",
                  "src/test/resources/credit-world.json",
                  "weights",
                  "duration=0.05;own_telephone=none=-0.5"));

  static final Set<String> ADDS_LEVELS = Set.of("typos");

  @Test
  void everyPerturbationMakesOnlyPossibleValues() {
    Table input = Data.creditG();
    List<PerturbationProvider> providers = Registry.perturbations().all();
    assertThat(providers).hasSizeGreaterThanOrEqualTo(16);
    UniformRandomProvider rng = Seed.of(20261126).rng();
    for (PerturbationProvider provider : providers) {
      Map<String, String> params = new HashMap<>(COMMON);
      params.putAll(REQUIRED.getOrDefault(provider.name(), Map.of()));
      var perturbation = provider.create(params);
      for (int i = 0; i < 8; i++) {
        double severity = i == 0 ? 1 : rng.nextDouble();
        Seed seed = Seed.of(rng.nextLong());
        String where = provider.name() + " severity " + severity + " seed " + seed;
        Table out = perturbation.apply(input, severity, seed);
        check(
            where,
            input,
            out,
            ADDS_LEVELS.contains(provider.name()),
            perturbation.keepsRowIdentity());
        assertThat(perturbation.apply(input, severity, seed))
            .as(where + " is deterministic")
            .isEqualTo(out);
      }
    }
  }

  static void check(
      String where, Table input, Table out, boolean addsLevels, boolean keepsRowIdentity) {
    for (int j = 0; j < input.columnCount(); j++) {
      String name = input.schema().get(j).name();
      Column before = input.column(j);
      Column after = out.column(name);
      assertThat(after.type()).as(where + ": type of " + name).isEqualTo(before.type());
      if (before instanceof CategoricalColumn kb && !addsLevels) {
        CategoricalColumn ka = (CategoricalColumn) after;
        Set<String> levels = new HashSet<>(kb.levels());
        for (int r = 0; r < ka.size(); r++) {
          if (!ka.isMissing(r) && !levels.contains(ka.level(r))) {
            fail(where + ": " + name + " has level " + ka.level(r) + " not in " + levels);
          }
        }
      }
      if (before instanceof NumericColumn nb) {
        NumericColumn na = (NumericColumn) after;
        boolean nonNegative =
            Arrays.stream(nb.values()).filter(v -> !Double.isNaN(v)).allMatch(v -> v >= 0);
        boolean whole = nb.allIntegers();
        for (int r = 0; r < na.size(); r++) {
          double v = na.get(r);
          if (Double.isNaN(v)) {
            continue;
          }
          if (!Double.isFinite(v) || (whole && v != Math.rint(v)) || (nonNegative && v < 0)) {
            fail(
                where
                    + ": "
                    + name
                    + " = "
                    + v
                    + " (whole "
                    + whole
                    + ", non-negative "
                    + nonNegative
                    + ")");
          }
        }
      }
    }
    for (String range : COMMON.get("ranges").split(";")) {
      String column = range.substring(0, range.indexOf(':'));
      double lo = Double.parseDouble(range.substring(range.indexOf(':') + 1, range.indexOf("..")));
      double hi = Double.parseDouble(range.substring(range.indexOf("..") + 2));
      for (double v : out.numeric(column).values()) {
        if (!Double.isNaN(v) && (v < lo || v > hi)) {
          fail(where + ": " + column + " = " + v + " out of " + range);
        }
      }
    }
    for (String column : COMMON.get("immutable").split(";")) {
      if (keepsRowIdentity) {
        assertThat(out.column(column))
            .as(where + ": immutable " + column)
            .isEqualTo(input.column(column));
      } else {
        Set<String> values = new HashSet<>();
        Column c = input.column(column);
        for (int r = 0; r < c.size(); r++) {
          values.add(c.format(r));
        }
        Column o = out.column(column);
        for (int r = 0; r < o.size(); r++) {
          if (!values.contains(o.format(r))) {
            fail(where + ": immutable " + column + " has a new value " + o.format(r));
          }
        }
      }
    }
  }
}
