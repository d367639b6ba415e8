package dev.gauntlet.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.yaml.internal.SafeYamlReader;
import dev.gauntlet.scenario.yaml.internal.YamlLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadedScenarioTest {
  private static LoadedScenario scenario(String yaml) {
    YamlDocument doc = new SafeYamlReader(YamlLimits.DEFAULT).parse(yaml, "s.yaml");
    return ScenarioFiles.bind(doc, Path.of(""));
  }

  @Test
  void anErrorNamingAYamlPathIsPlacedAtItsLineAndColumn() {
    LoadedScenario s =
        scenario("data: a.csv\nvariants:\n  - {name: n, kind: noise, params: {\"a.b\": 1}}\n");
    UserInputException e = new UserInputException("s.yaml (variants[0].kind)", "f", "e", "x");

    UserInputException placed = s.placed(e);

    assertThat(placed.where()).isEqualTo("s.yaml:3:21 (variants[0].kind)");
    assertThat(placed.found()).isEqualTo("f");
    assertThat(
            s.placed(new UserInputException("s.yaml (variants[0].params.\"a.b\")", "f", "e", "x")))
        .extracting(UserInputException::where)
        .isEqualTo("s.yaml:3:44 (variants[0].params.\"a.b\")");
  }

  @Test
  void aColumnInsideAnExpectationBecomesTheFilesColumn() {
    LoadedScenario s = scenario("data: a.csv\nexpectations:\n  - accuracy >> 0.8\n");

    UserInputException placed =
        s.placed(new UserInputException("s.yaml (expectations[0]) col 10", "f", "e", "x"));

    // column 10 of the text is the first '>', written at column 14 of line 3
    assertThat(placed.where()).isEqualTo("s.yaml:3:14 (expectations[0])");
  }

  @Test
  void errorsWithoutAPathOrWithAnUnknownOneStayAsTheyAre() {
    LoadedScenario s = scenario("data: a.csv\n");
    UserInputException plain = new UserInputException("--seed", "f", "e", "x");
    UserInputException elsewhere =
        new UserInputException("s.yaml (variants[3].kind)", "f", "e", "x");

    assertThat(s.placed(plain)).isSameAs(plain);
    assertThat(s.placed(elsewhere)).isSameAs(elsewhere);
  }

  @Test
  void anErrorAboutAnotherFileIsNotPlacedInThisOne() {
    // "header" would be a top-level key of s.yaml; the error is about a.csv, so it stays there
    LoadedScenario s = scenario("data: a.csv\n");
    UserInputException other = new UserInputException("a.csv (header)", "f", "e", "x");

    assertThat(s.placed(other)).isSameAs(other);
  }

  @Test
  void theRunnerPlacesItsErrorsAsTheFileReaderDoes() {
    // the runner once placed errors itself and kept "col 10" after the value's position; the
    // file reader's placed left errors with detail after the path (a perturbation naming its
    // parameter) at "s.yaml (variants[0].params) ..." with no line
    LoadedScenario badExpectation = scenario("data: a.csv\nexpectations:\n  - accuracy >> 0.8\n");
    LoadedScenario unknownParam =
        scenario(
            "data: a.csv\nvariants:\n"
                + "  - {name: n, kind: covariate-shift, params: {\"a.b\": 1}}\n");

    assertThat(thrownByTheRunner(badExpectation).where())
        .isEqualTo("s.yaml:3:14 (expectations[0])");
    assertThat(thrownByTheRunner(unknownParam).where())
        .isEqualTo("s.yaml:3:46 (variants[0].params) covariate-shift: a.b");
  }

  private static UserInputException thrownByTheRunner(LoadedScenario s) {
    ScenarioRunner runner =
        ScenarioRunner.withDefaults().withSource("s.yaml").withPlacer(s::placed);
    return catchThrowableOfType(() -> runner.validate(s.spec()), UserInputException.class);
  }

  @Test
  void aSyntheticVariantsBadRowCountIsRefusedAtItsPlace() {
    LoadedScenario s =
        scenario(
            "data: a.csv\nvariants:\n  - {name: copula, kind: synthetic, params: {rows: lots}}\n");

    UserInputException e = thrownByTheRunner(s);

    assertThat(e.where()).isEqualTo("s.yaml:3:52 (variants[0].params.rows)");
    assertThat(e.expected()).contains("a whole number of rows");
  }
}
