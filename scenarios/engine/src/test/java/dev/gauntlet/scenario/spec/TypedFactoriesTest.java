package dev.gauntlet.scenario.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRows;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.VariantKind;
import dev.gauntlet.scenario.VariantKind.Category;
import dev.gauntlet.scenario.VariantResult;
import dev.gauntlet.scenario.internal.OutcomeScores;
import dev.gauntlet.spi.Registry;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The typed factories of the Java builder: every built-in the registries know has one (so a new
 * built-in without a factory fails the build), each names what it says, and a scenario built from
 * them runs.
 */
class TypedFactoriesTest {
  private static final Path WORLDS = Path.of("../../examples/worlds");
  private static final Path DATA = Path.of("../../examples/data");

  /** {@code covariate-shift} as a Java method name: {@code covariateShift}. */
  private static String methodName(String kind) {
    String[] parts = kind.split("-");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(parts[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(parts[i].substring(1));
    }
    return b.toString();
  }

  private static Class<?> homeOf(Category category) {
    return switch (category) {
      case TEST_TIME, TRAINING_TIME -> Perturbations.class;
      case EVASION -> Attacks.class;
      case SYNTHETIC -> Generators.class;
    };
  }

  private static List<Method> factories(Class<?> home, Class<?> returning) {
    List<Method> out = new ArrayList<>();
    for (Method m : home.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())
          && Modifier.isStatic(m.getModifiers())
          && m.getReturnType() == returning
          && !m.getName().equals("named")) {
        out.add(m);
      }
    }
    return out;
  }

  @Test
  void everyVariantKindHasATypedFactoryThatNamesIt() throws Exception {
    List<String> missing = new ArrayList<>();
    for (VariantKind kind : VariantKind.all()) {
      Class<?> home = homeOf(kind.category());
      Method factory =
          factories(home, VariantSpec.class).stream()
              .filter(m -> m.getName().equals(methodName(kind.name())))
              .findFirst()
              .orElse(null);
      if (factory == null) {
        missing.add(home.getSimpleName() + "." + methodName(kind.name()) + "()");
        continue;
      }
      VariantSpec v =
          (VariantSpec)
              (factory.getParameterCount() == 0
                  ? factory.invoke(null)
                  : factory.invoke(null, Generators.gaussianCopula()));
      assertThat(v.kindOrDefault()).as(factory.toString()).isEqualTo(kind.name());
      assertThat(v.name()).as(factory.toString()).isEqualTo(kind.name());
    }
    assertThat(missing).as("built-in variant kinds without a typed factory").isEmpty();
  }

  @Test
  void everyTypedVariantFactoryNamesAKindTheEngineKnows() throws Exception {
    TreeSet<String> kinds = new TreeSet<>();
    VariantKind.all().forEach(k -> kinds.add(k.name()));
    for (Class<?> home : List.of(Perturbations.class, Attacks.class)) {
      for (Method m : factories(home, VariantSpec.class)) {
        assertThat(kinds).as(m.toString()).contains(((VariantSpec) m.invoke(null)).kind());
      }
    }
  }

  @Test
  void everyRegisteredGeneratorHasATypedFactory() throws Exception {
    List<String> names = Registry.generators().names();
    assertThat(names).contains("gaussian-copula", "independent");
    for (String name : names) {
      Method m = Generators.class.getMethod(methodName(name));
      assertThat(((Generators.Choice) m.invoke(null)).name()).isEqualTo(name);
    }
    // the deep generators are registered by gauntlet-generators-deep, not on this class path
    for (Method m : factories(Generators.class, Generators.Choice.class)) {
      String name = ((Generators.Choice) m.invoke(null)).name();
      assertThat(names.contains(name) || List.of("vae", "gan").contains(name))
          .as(m.toString())
          .isTrue();
    }
  }

  @Test
  void everyMetricAScenarioMeasuresHasAConstant() throws Exception {
    TreeSet<String> constants = new TreeSet<>();
    for (Field f : Metrics.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String id = (String) f.get(null);
        constants.add(id);
        assertThat(f.getName()).isEqualTo(id.toUpperCase(Locale.ROOT));
      }
    }
    assertThat(constants).isEqualTo(new TreeSet<>(OutcomeScores.SUPPORTED));
  }

  @Test
  void namedTakesWhatATeamRegisteredAndTheEngineChecksIt() {
    assertThat(Perturbations.named("salt-and-pepper"))
        .isEqualTo(new VariantSpec("salt-and-pepper", "salt-and-pepper", null, null, null));
    assertThat(Generators.named("ctgan").withParam("epochs", "5").fittedOn("a.csv"))
        .isEqualTo(SyntheticSpec.fitted("ctgan", "a.csv").withParam("epochs", "5"));
    assertThat(Metrics.named("attack_success_rate")).isEqualTo("attack_success_rate");
    assertThatThrownBy(() -> Metrics.named("acuracy"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("did you mean accuracy?");

    ScenarioSpec unknown =
        ScenarioSpec.builder()
            .data(DataSpec.worldFile("customers.json", 100))
            .variant(Perturbations.named("salt-and-pepper"))
            .build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().validate(unknown))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("variant kind \"salt-and-pepper\"");
  }

  @Test
  void aScenarioOfTypedFactoriesRunsAndMeasuresEachVariant() {
    ScenarioSpec spec =
        ScenarioSpec.builder()
            .seed(4)
            .data(
                DataSpec.synthetic(
                    Generators.gaussianCopula().fittedOn("../data/credit_g.csv"), "class", 300))
            .metrics(Metrics.ACCURACY, Metrics.ECE)
            .bootstrap(0)
            .variant(
                Perturbations.covariateShift()
                    .withName("older")
                    .withParam("column", "age")
                    .withSweep(1))
            .variant(Attacks.scoreBased().withParam("max-queries", "20").withSweep(1))
            .variant(Generators.synthetic(Generators.independent()).withSweep(1))
            .build();
    ScenarioResult r = ScenarioRunner.withDefaults().run(spec, DATA);

    assertThat(r.sweeps().stream().map(VariantResult::name))
        .containsExactly("older", "score-based", "synthetic");
    assertThat(r.clean().metrics()).containsKeys(Metrics.ACCURACY, Metrics.ECE);
    assertThat(r.testRows() + r.trainRows()).isEqualTo(300);
  }

  @Test
  void scenarioRowsAreTheRowsTheScenarioRunsOn() {
    DataSpec world = DataSpec.worldFile("customers.json", 200);
    Table rows = ScenarioRows.of(world, WORLDS, Seed.of(9), "test");
    assertThat(rows.rowCount()).isEqualTo(200);
    assertThat(ScenarioRows.of(world, WORLDS, Seed.of(9), "test")).isEqualTo(rows);
    assertThat(ScenarioRows.of(world, WORLDS, Seed.of(10), "test")).isNotEqualTo(rows);

    Table[] split = new Table[2];
    ScenarioRunner.withDefaults()
        .withListener(
            new dev.gauntlet.scenario.RunListener() {
              @Override
              public void split(Table train, Table test) {
                split[0] = train;
                split[1] = test;
              }
            })
        .run(ScenarioSpec.builder().seed(9).data(world).bootstrap(0).build(), WORLDS);
    // the split draws its rows from these: together they are the same multiset of rows
    assertThat(split[0].rowCount() + split[1].rowCount()).isEqualTo(200);
    assertThat(sorted(split[0].concat(split[1]))).isEqualTo(sorted(rows));
  }

  private static List<String> sorted(Table t) {
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < t.columnCount(); c++) {
        b.append(t.column(c).format(r)).append(',');
      }
      lines.add(b.toString());
    }
    lines.sort(null);
    return lines;
  }
}
