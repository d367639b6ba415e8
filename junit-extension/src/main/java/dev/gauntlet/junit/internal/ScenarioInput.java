package dev.gauntlet.junit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.UserInputException;
import dev.gauntlet.junit.ScenarioTest;
import dev.gauntlet.scenario.report.RunInfo;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a {@link ScenarioTest} runs: a scenario file's spec, or the spec a method of the test class
 * builds.
 *
 * @param spec the spec, with its own seed
 * @param folder what its paths resolve against
 * @param source the name messages and reports give it: the file, or {@code CreditTest.scenario()}
 * @param placer places an error at its line in the file (a built spec has none)
 * @param info what the manifest records of the source
 */
record ScenarioInput(
    ScenarioSpec spec,
    Path folder,
    String source,
    UnaryOperator<UserInputException> placer,
    RunInfo info) {

  static ScenarioInput of(
      ScenarioTest annotation, Class<?> testClass, Optional<Object> instance, String where) {
    boolean file = !annotation.value().isEmpty();
    boolean built = !annotation.spec().isEmpty();
    if (file == built) {
      throw new UserInputException(
          where,
          file
              ? "both a file and spec = \"" + annotation.spec() + "\""
              : "neither a file nor a spec",
          "a scenario file (@ScenarioTest(\"scenarios/credit.yaml\")) or a method that builds the"
              + " spec (@ScenarioTest(spec = \"creditScenario\"))",
          file ? "keep one of the two" : "name the scenario file");
    }
    if (file) {
      ScenarioSource source =
          ScenarioSource.find(annotation.value(), where, testClass.getClassLoader());
      return new ScenarioInput(
          source.loaded().spec(),
          source.loaded().folder(),
          source.loaded().document().file(),
          source.loaded()::placed,
          new RunInfo(source.sha256(), source.fileName(), 1));
    }
    String at = where + " (spec = \"" + annotation.spec() + "\")";
    Object made =
        ModelFactory.call(
            testClass,
            instance,
            annotation.spec(),
            at,
            "a method without parameters returning a ScenarioSpec");
    if (!(made instanceof ScenarioSpec spec)) {
      throw new UserInputException(
          at,
          annotation.spec() + "() returned " + (made == null ? "null" : made.getClass().getName()),
          "a ScenarioSpec",
          "return ScenarioSpec.builder()...build()");
    }
    String name = testClass.getSimpleName() + "." + annotation.spec() + "()";
    return new ScenarioInput(
        spec, Path.of(""), name, UnaryOperator.identity(), new RunInfo(sha256(spec), null, 1));
  }

  /** The SHA-256 of the spec's JSON, as the manifest records a spec built in Java. */
  private static String sha256(ScenarioSpec spec) {
    try {
      byte[] json = new ObjectMapper().writeValueAsString(spec).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("a spec that does not write as JSON: " + spec, e);
    }
  }
}
