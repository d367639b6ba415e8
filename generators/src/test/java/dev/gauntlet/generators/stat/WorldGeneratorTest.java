package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Correlations;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worlds from a JSON spec and from the builder. Rates are checked on 100,000 rows, where a share's
 * standard error is at most 0.0016; the tolerances (0.01 to 0.02) are 6 or more standard errors.
 */
class WorldGeneratorTest {
  static final Path SPEC = Path.of("src", "test", "resources", "world.json");
  static final int N = 100_000;

  @TempDir Path dir;

  static double share(CategoricalColumn c, String level) {
    int code = c.levels().indexOf(level);
    return Arrays.stream(c.codes()).filter(x -> x == code).count() / (double) c.size();
  }

  @Test
  void aJsonWorldHasItsDistributionsCorrelationAndLabels() {
    Generator world = new WorldProvider().fit(null, Map.of("spec", SPEC.toString()), Seed.of(1));
    assertThat(world.schema().names())
        .containsExactly(
            "age", "income", "visits", "score", "region", "plan", "churn", "churn_true");
    assertThat(world.schema().spec("churn").role()).isEqualTo(ColumnRole.LABEL);
    Table t = world.sample(Seed.of(2), N);

    double[] age = t.numeric("age").values();
    assertThat(Arrays.stream(age)).allMatch(v -> v >= 18 && v <= 90 && v == Math.rint(v));
    assertThat(Arrays.stream(age).average().orElseThrow()).isBetween(39.5, 40.5);
    double[] income = t.numeric("income").values();
    assertThat(Arrays.stream(income).filter(Double::isNaN).count() / (double) N)
        .isBetween(0.04, 0.06);
    double[] logIncome = Arrays.stream(income).map(Math::log).toArray();
    // latent correlation 0.6 between age (normal) and log(income) (normal): Pearson is 0.6 too
    assertThat(Correlations.pearson(age, logIncome)).isBetween(0.57, 0.63);
    assertThat(Arrays.stream(t.numeric("visits").values()).average().orElseThrow())
        .isBetween(2.95, 3.05);
    assertThat(Arrays.stream(t.numeric("score").values()).average().orElseThrow())
        .isBetween(0.7 * 0 + 0.3 * 5 - 0.03, 0.3 * 5 + 0.03);

    CategoricalColumn region = t.categorical("region");
    CategoricalColumn plan = t.categorical("plan");
    assertThat(share(region, "north")).isBetween(0.29, 0.31);
    int north = region.levels().indexOf("north");
    int premium = plan.levels().indexOf("premium");
    long northRows = 0;
    long northPremium = 0;
    for (int r = 0; r < N; r++) {
      if (region.code(r) == north) {
        northRows++;
        northPremium += plan.code(r) == premium ? 1 : 0;
      }
    }
    assertThat(northPremium / (double) northRows).isBetween(0.18, 0.22);

    // the intercept was calibrated to 25% positive truth; 10% of labels are flipped
    CategoricalColumn truth = t.categorical("churn_true");
    CategoricalColumn label = t.categorical("churn");
    assertThat(share(truth, "leave")).isBetween(0.24, 0.26);
    long flipped = 0;
    for (int r = 0; r < N; r++) {
      flipped += truth.code(r) != label.code(r) ? 1 : 0;
    }
    assertThat(flipped / (double) N).isBetween(0.09, 0.11);
  }

  @Test
  void aSavedWorldDrawsTheSameRows() {
    Generator world = new WorldProvider().fit(null, Map.of("spec", SPEC.toString()), Seed.of(1));
    Path file = dir.resolve("world-model.json");
    GeneratorFiles.save(world, file);
    Generator back = GeneratorFiles.load(file);
    assertThat(Csv.formatRows(back.sample(Seed.of(3), 20_000)))
        .isEqualTo(Csv.formatRows(world.sample(Seed.of(3), 20_000)));
  }

  @Test
  void theBuilderMakesAThresholdWorld() {
    WorldSpec spec =
        WorldSpec.builder()
            .numeric("x", new Distribution.Uniform(0, 10))
            .numeric("wait", new Distribution.Exponential(2))
            .categorical("colour", List.of("red", "blue"), 0.5, 0.5)
            .label(
                new WorldSpec.Threshold(
                    "y",
                    null,
                    List.of(
                        new WorldSpec.Condition("x", ">", "5"),
                        new WorldSpec.Condition("colour", "==", "red")),
                    0,
                    null))
            .build();
    Table t = WorldGenerator.of(spec, Seed.of(1)).sample(Seed.of(1), N);
    CategoricalColumn y = t.categorical("y");
    assertThat(share(y, "1")).isBetween(0.24, 0.26);
    for (int r = 0; r < N; r++) {
      boolean positive =
          t.numeric("x").get(r) > 5 && "red".equals(t.categorical("colour").level(r));
      assertThat(y.level(r)).isEqualTo(positive ? "1" : "0");
    }
    assertThat(Arrays.stream(t.numeric("wait").values()).average().orElseThrow())
        .isBetween(1.96, 2.04);
  }

  @Test
  void badSpecsAreUserErrorsWithTheProblem() throws Exception {
    Path typo =
        Files.writeString(
            dir.resolve("typo.json"),
            "{\"columns\": [{\"kind\": \"numeric\", \"name\": \"x\", \"distribution\": {\"family\": \"gaussian\"}}]}");
    assertThatThrownBy(() -> WorldProvider.read(typo))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("typo.json:1:")
        .hasMessageContaining("gaussian");

    Path unknown =
        Files.writeString(
            dir.resolve("unknown.json"),
            "{\"columns\": [{\"kind\": \"numeric\", \"name\": \"x\", \"distribution\": {\"family\": \"normal\", \"mean\": 0, \"sd\": 1}}], \"label\": {\"rule\": \"logistic\", \"column\": \"y\", \"weights\": {\"z\": 1}}}");
    assertThatThrownBy(() -> WorldProvider.read(unknown))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("the label rule uses \"z\", which is not a column");

    WorldSpec notPositiveDefinite =
        WorldSpec.builder()
            .numeric("a", new Distribution.Normal(0, 1))
            .numeric("b", new Distribution.Normal(0, 1))
            .numeric("c", new Distribution.Normal(0, 1))
            .correlate("a", "b", 0.9)
            .correlate("b", "c", 0.9)
            .correlate("a", "c", -0.9)
            .build();
    assertThatThrownBy(() -> WorldGenerator.of(notPositiveDefinite, Seed.of(1)))
        .hasMessageContaining("not positive definite");
  }
}
