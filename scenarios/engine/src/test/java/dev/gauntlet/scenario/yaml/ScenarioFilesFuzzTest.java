package dev.gauntlet.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gauntlet.UserInputException;
import java.nio.file.Path;

/**
 * Loading and validating arbitrary bytes as a scenario either succeeds or throws Gauntlet's user
 * error with a message a user can act on; any other exception (a parser's, Jackson's, a record's
 * NullPointerException) is a bug. In the normal test run only the regression inputs in
 * ScenarioFilesFuzzTestInputs/ run (each a file that once failed, or a seed worth keeping); the
 * README's testing section has the command for a long fuzzing run.
 */
class ScenarioFilesFuzzTest {
  /** The corpus folder has a small CSV, so that data: references can resolve. */
  private static final Path FOLDER =
      Path.of("src/test/resources/dev/gauntlet/scenario/yaml/fuzz-data");

  @FuzzTest(maxDuration = "5m")
  void loadingAndValidating(byte[] content) {
    try {
      LoadedScenario loaded = ScenarioFiles.read("fuzz.yaml", content, FOLDER);
      assertThat(loaded.spec().data()).isNotNull();
    } catch (UserInputException e) {
      assertThat(e.getMessage()).startsWith("fuzz.yaml").contains("\n  found:    ");
      assertThat(e.fix()).isNotBlank();
    }
  }
}
