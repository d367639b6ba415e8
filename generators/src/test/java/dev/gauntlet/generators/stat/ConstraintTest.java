package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstraintTest {
  static final Table TELCO = Csv.read(QualityTest.DATA.resolve("telco_churn.csv"));

  @TempDir Path dir;

  static Generator fit(String generator, String constraints) {
    return Registry.generators()
        .get(generator)
        .fit(TELCO, Map.of("constraints", constraints), Seed.of(1));
  }

  @Test
  void rangesInequalitiesAndCombinationsHoldOnEveryRow() {
    String rules =
        "range(tenure, 1, 60); monthly_charges <= total_charges;"
            + " combinations(internet_service, online_security, streaming_tv)";
    for (String name : new String[] {"gaussian-copula", "independent"}) {
      Generator g = fit(name, rules);
      assertThat(g.schema()).isEqualTo(TELCO.schema());
      Table t = g.sample(Seed.of(2), 20_000);
      Set<String> seen = new HashSet<>();
      for (int r = 0; r < TELCO.rowCount(); r++) {
        seen.add(
            Constraint.combine(
                TELCO,
                java.util.List.of("internet_service", "online_security", "streaming_tv"),
                r));
      }
      for (int r = 0; r < t.rowCount(); r++) {
        double tenure = t.numeric("tenure").get(r);
        assertThat(tenure).isBetween(1.0, 60.0);
        double m = t.numeric("monthly_charges").get(r);
        double total = t.numeric("total_charges").get(r);
        if (!Double.isNaN(m) && !Double.isNaN(total)) {
          assertThat(m).isLessThanOrEqualTo(total);
          assertThat(Math.rint(total * 100) / 100).isEqualTo(total);
        }
        String combo =
            Constraint.combine(
                t, java.util.List.of("internet_service", "online_security", "streaming_tv"), r);
        if (combo != null) {
          assertThat(seen).contains(combo);
        }
      }
    }
  }

  @Test
  void aConstrainedModelSavesAndLoads() {
    Generator g = fit("gaussian-copula", "positive(total_charges); tenure < total_charges");
    Path file = dir.resolve("m.json");
    GeneratorFiles.save(g, file);
    Generator back = GeneratorFiles.load(file);
    assertThat(Csv.formatRows(back.sample(Seed.of(3), 5000)))
        .isEqualTo(Csv.formatRows(g.sample(Seed.of(3), 5000)));
  }

  @Test
  void rejectionIsCountedAndInfeasibleRulesAreUserErrors() {
    // a range on a column generated as a difference is kept by rejection
    StatGenerator g =
        (StatGenerator)
            fit(
                "gaussian-copula",
                "monthly_charges < total_charges; range(total_charges, 0, 3000)");
    Table t = g.sample(Seed.of(4), 10_000);
    assertThat(t.rowCount()).isEqualTo(10_000);
    long[] r = g.rejection();
    assertThat(r[1]).isPositive();
    assertThat(r[0]).isEqualTo(10_000 + r[1]);

    assertThat(
            catchThrowableOfType(
                UserInputException.class, () -> fit("independent", "range(tenure, 500, 600)")))
        .satisfies(e -> assertThat(e.found()).contains("no row of the sample keeps them all"));
    assertThat(
            catchThrowableOfType(
                UserInputException.class, () -> fit("independent", "range(tenur, 0, 1)")))
        .satisfies(e -> assertThat(e.found()).isEqualTo("no column \"tenur\""));
    assertThat(
            catchThrowableOfType(
                UserInputException.class, () -> fit("independent", "churn < tenure")))
        .satisfies(e -> assertThat(e.found()).contains("categorical"));
    assertThat(
            catchThrowableOfType(UserInputException.class, () -> fit("independent", "tenure > 3")))
        .satisfies(e -> assertThat(e.expected()).contains("positive(x)"));
    assertThat(
            catchThrowableOfType(
                UserInputException.class, () -> fit("independent", "range(tenure, 5, 1)")))
        .satisfies(e -> assertThat(e.expected()).isEqualTo("LOW <= HIGH"));
  }
}
