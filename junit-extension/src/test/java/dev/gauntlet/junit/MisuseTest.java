package dev.gauntlet.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gauntlet.UserInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** What a user who gets something wrong reads. */
class MisuseTest {
  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
  }

  private static Throwable onlyFailure(List<Event> failed) {
    assertThat(failed).hasSize(1);
    return failed
        .get(0)
        .getPayload(TestExecutionResult.class)
        .orElseThrow()
        .getThrowable()
        .orElseThrow();
  }

  private static final String N = System.lineSeparator();

  static class UnknownFile {
    @ScenarioTest("scenarios/nowhere.yaml")
    void never(ScenarioCase c) {}
  }

  @Test
  void anUnknownFileNamesBothPlacesTried() {
    EngineExecutionResults results = run(UnknownFile.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    Throwable t = onlyFailure(results.containerEvents().failed().list());
    assertThat(t).isInstanceOf(UserInputException.class);
    assertThat(t.getMessage())
        .isEqualTo(
            "@ScenarioTest on UnknownFile.never()"
                + N
                + "  found:    no scenario file \"scenarios/nowhere.yaml\""
                + N
                + "  expected: the class-path resource scenarios/nowhere.yaml (looked up on the test"
                + " class path) or the file "
                + Path.of("scenarios/nowhere.yaml").toAbsolutePath()
                + " (relative to the module's folder)"
                + N
                + "  fix:      put the file under src/test/resources, or correct the path");
  }

  static class ModuleFolderFile {
    @ScenarioTest("src/test/resources/scenarios/no-variants.yaml")
    void fromTheModuleFolder(ScenarioCase c) {}
  }

  @Test
  void aFileNotOnTheClassPathIsFoundInTheModuleFolder() {
    run(ModuleFolderFile.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
  }

  static class UnknownParameter {
    @ScenarioTest("scenarios/no-variants.yaml")
    void wantsAString(String nobodyResolvesThis) {}
  }

  @Test
  void aParameterNobodyResolvesListsWhatCanBeInjected() {
    EngineExecutionResults results = run(UnknownParameter.class);

    Throwable t = onlyFailure(results.testEvents().failed().list());
    assertThat(t.getMessage())
        .startsWith("No ParameterResolver registered for parameter [java.lang.String")
        .endsWith(
            " A @ScenarioTest method can receive ScenarioCase, ScenarioResult, VariantResult,"
                + " PlaceResult, ScenarioTables, and JUnit's TestInfo and TestReporter.");
  }

  static class VariantOfNoVariants {
    @ScenarioTest("scenarios/no-variants.yaml")
    void wantsAVariant(dev.gauntlet.scenario.VariantResult v) {}
  }

  @Test
  void aScenarioWithoutVariantsHasOneCleanInvocationAndNoVariantToInject() {
    EngineExecutionResults results = run(VariantOfNoVariants.class);

    assertThat(results.testEvents().started().list().get(0).getTestDescriptor().getDisplayName())
        .isEqualTo("clean");
    assertThat(onlyFailure(results.testEvents().failed().list()).getMessage())
        .startsWith("no VariantResult for dev.gauntlet.scenario.VariantResult")
        .endsWith(
            ": the scenario has no variants, so its one invocation is the clean test rows;"
                + " ask for a PlaceResult or ScenarioCase instead");
  }

  static class BrokenScenario {
    @ScenarioTest("scenarios/broken-kind.yaml")
    void never(ScenarioCase c) {}
  }

  @Test
  void aScenarioWithAnErrorFailsTheTestAtItsPlaceInTheFile() {
    EngineExecutionResults results = run(BrokenScenario.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    Throwable t = onlyFailure(results.containerEvents().failed().list());
    assertThat(t).isInstanceOf(UserInputException.class);
    assertThat(t.getMessage())
        .isEqualTo(
            "scenarios/broken-kind.yaml:7:11 (variants[0].kind)"
                + N
                + "  found:    variant kind \"covariate-shfit\""
                + N
                + "  expected: one of "
                + dev.gauntlet.scenario.VariantKind.all().stream()
                    .map(dev.gauntlet.scenario.VariantKind::name)
                    .toList()
                + " (did you mean covariate-shift?)"
                + N
                + "  fix:      use a listed kind (gauntlet run --list shows each with its"
                + " parameters)");
  }

  static class MissingFactory {
    @ScenarioTest(value = "scenarios/no-variants.yaml", model = "noSuchMethod")
    void never(ScenarioCase c) {}
  }

  @Test
  void aModelFactoryThatIsNotThereIsNamed() {
    Throwable t = onlyFailure(run(MissingFactory.class).containerEvents().failed().list());
    assertThat(t.getMessage())
        .isEqualTo(
            "@ScenarioTest on MissingFactory.never() (model = \"noSuchMethod\")"
                + N
                + "  found:    no method noSuchMethod() in "
                + MissingFactory.class.getName()
                + N
                + "  expected: a method without parameters returning a ModelTrainer, a Classifier"
                + " or a ModelHandle"
                + N
                + "  fix:      add the method, or correct the name");
  }

  static class FileAndSpec {
    static dev.gauntlet.scenario.spec.ScenarioSpec spec() {
      return null;
    }

    @ScenarioTest(value = "scenarios/no-variants.yaml", spec = "spec")
    void never(ScenarioCase c) {}

    @ScenarioTest(spec = "spec")
    void specIsNull(ScenarioCase c) {}
  }

  @Test
  void aScenarioTestNamesAFileOrASpecMethodThatGivesASpec() {
    List<Event> failed = run(FileAndSpec.class).containerEvents().failed().list();
    assertThat(failed).hasSize(2);
    assertThat(
            failed.stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow())
                .map(r -> r.getThrowable().orElseThrow().getMessage())
                .sorted()
                .toList())
        .containsExactly(
            "@ScenarioTest on FileAndSpec.never()"
                + N
                + "  found:    both a file and spec = \"spec\""
                + N
                + "  expected: a scenario file (@ScenarioTest(\"scenarios/credit.yaml\")) or a"
                + " method that builds the spec (@ScenarioTest(spec = \"creditScenario\"))"
                + N
                + "  fix:      keep one of the two",
            "@ScenarioTest on FileAndSpec.specIsNull() (spec = \"spec\")"
                + N
                + "  found:    spec() returned null"
                + N
                + "  expected: a ScenarioSpec"
                + N
                + "  fix:      return ScenarioSpec.builder()...build()");
  }

  static class BadSeedParameter {
    @ScenarioTest("scenarios/no-variants.yaml")
    void never(ScenarioCase c) {}
  }

  @Test
  void aSeedParameterThatIsNoNumberIsRefused() {
    Throwable t =
        onlyFailure(
            EngineTestKit.engine("junit-jupiter")
                .configurationParameter("gauntlet.seed", "forty-two")
                .selectors(selectClass(BadSeedParameter.class))
                .execute()
                .containerEvents()
                .failed()
                .list());
    assertThat(t.getMessage())
        .isEqualTo(
            "configuration parameter gauntlet.seed"
                + N
                + "  found:    \"forty-two\""
                + N
                + "  expected: a whole number (a long)"
                + N
                + "  fix:      set it to a seed such as 42, or remove it");
  }
}
