package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem of a world spec names its JSON path, what was found and expected, and a fix. */
class WorldSpecErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("..", "examples", "worlds", "customers.json");

  @TempDir Path dir;

  /** The README's example world (age, income, region, plan; a logistic label), edited. */
  private UserInputException edited(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(EXAMPLE.toFile());
    edit.accept(root);
    Path file = dir.resolve("world.json");
    JSON.writeValue(file.toFile(), root);
    UserInputException e =
        catchThrowableOfType(
            UserInputException.class,
            () ->
                Registry.generators()
                    .get("world")
                    .fit(null, Map.of("spec", file.toString()), Seed.of(1)));
    assertThat(e).as("no error").isNotNull();
    assertThat(e.getMessage())
        .doesNotContain("dev.gauntlet", "ignorable", "Exception", "[Source", "fix the spec");
    return e;
  }

  private static ObjectNode column(ObjectNode root, int i) {
    return (ObjectNode) root.get("columns").get(i);
  }

  private static ObjectNode weights(ObjectNode root) {
    return (ObjectNode) root.get("label").get("weights");
  }

  @Test
  void jacksonsProblemsAreTold() throws IOException {
    UserInputException family =
        edited(r -> ((ObjectNode) column(r, 0).get("distribution")).put("family", "gaussian"));
    assertThat(family.where())
        .matches(".*world\\.json:\\d+:\\d+ at columns\\[0]\\.distribution\\.family");
    assertThat(family.found()).isEqualTo("\"gaussian\"");
    assertThat(family.expected()).startsWith("one of normal, log-normal");

    UserInputException key =
        edited(r -> ((ObjectNode) column(r, 0).get("distribution")).put("sdd", 1));
    assertThat(key.where()).endsWith("at columns[0].distribution.sdd");
    assertThat(key.found()).isEqualTo("an unknown key \"sdd\"");
    assertThat(key.expected()).contains("mean", "sd");

    UserInputException text = edited(r -> column(r, 1).put("missingRate", "often"));
    assertThat(text.where()).endsWith("at columns[1].missingRate");
    assertThat(text.found()).isEqualTo("\"often\"");
    assertThat(text.expected()).isEqualTo("a number");

    UserInputException missing =
        edited(r -> ((ObjectNode) column(r, 0).get("distribution")).remove("sd"));
    assertThat(missing.where()).endsWith("at columns[0].distribution.sd");
    assertThat(missing.found()).isEqualTo("nothing (the key is missing)");
    assertThat(missing.fix()).startsWith("add columns[0].distribution.sd");
  }

  @Test
  void checksAcrossTheSpecNameTheirPlace() throws IOException {
    UserInputException parent = edited(r -> column(r, 3).put("parent", "regio"));
    assertThat(parent.where()).endsWith("world.json at columns[3].parent");
    assertThat(parent.found()).isEqualTo("\"regio\", which is not a column");
    assertThat(parent.expected()).contains("[region]");

    UserInputException level = edited(r -> weights(r).put("region=east", 0.5));
    assertThat(level.where()).endsWith("at label.weights.\"region=east\"");
    assertThat(level.found()).isEqualTo("\"east\", which is not a level of \"region\"");
    assertThat(level.expected()).contains("[north, south]");

    UserInputException truth = edited(r -> ((ObjectNode) r.get("label")).put("truth", "churn"));
    assertThat(truth.where()).endsWith("at label.truth");
    assertThat(truth.found()).contains("the name of the label column too");

    UserInputException clash = edited(r -> ((ObjectNode) r.get("label")).put("truth", "age"));
    assertThat(clash.where()).endsWith("at label.truth");
    assertThat(clash.found()).contains("the name of a generated column");

    UserInputException notPd =
        edited(
            r -> {
              ArrayNode c = r.putArray("correlations");
              c.addObject().put("a", "age").put("b", "income").put("r", 0.9);
              c.addObject().put("a", "income").put("b", "region").put("r", 0.9);
              c.addObject().put("a", "age").put("b", "region").put("r", -0.9);
            });
    assertThat(notPd.where()).endsWith("at correlations");
    assertThat(notPd.found()).contains("not positive definite");
    assertThat(notPd.fix()).contains("weaken");

    UserInputException conditional =
        edited(
            r -> {
              ArrayNode c = r.putArray("correlations");
              c.addObject().put("a", "age").put("b", "plan").put("r", 0.3);
            });
    assertThat(conditional.where()).endsWith("at correlations[0].b");
    assertThat(conditional.found()).isEqualTo("\"plan\", a conditional column");

    UserInputException huge =
        edited(r -> ((ObjectNode) column(r, 1).get("distribution")).put("mu", 1e9));
    assertThat(huge.where()).endsWith("at columns[1].distribution");
    assertThat(huge.found()).contains("not finite numbers");

    UserInputException notAnObject = edited(r -> column(r, 0).put("distribution", 5));
    assertThat(notAnObject.where()).endsWith("at columns[0].distribution");
    assertThat(notAnObject.found()).isEqualTo("5");
    assertThat(notAnObject.expected()).isEqualTo("an object {\"family\": ...}");

    UserInputException duplicate = edited(r -> column(r, 1).put("name", "age"));
    assertThat(duplicate.where()).endsWith("at columns[1].name");
    assertThat(duplicate.found()).isEqualTo("\"age\", the name of columns[0] too");
  }

  @Test
  void gapsInProbabilitiesAreRefused() throws IOException {
    UserInputException gap =
        edited(r -> ((ObjectNode) column(r, 3).get("probabilities")).remove("south"));
    assertThat(gap.where()).endsWith("at columns[3].probabilities");
    assertThat(gap.found()).isEqualTo("no probabilities for \"south\", a level of \"region\"");

    UserInputException sum = edited(r -> column(r, 2).putArray("probabilities").add(0.3).add(0.3));
    assertThat(sum.where()).endsWith("at columns[2].probabilities");
    assertThat(sum.found()).isEqualTo("probabilities that sum to 0.6");
    assertThat(sum.expected()).isEqualTo("probabilities that sum to 1 (within 0.000001)");

    UserInputException conditionalSum =
        edited(
            r ->
                ((ObjectNode) column(r, 3).get("probabilities"))
                    .putArray("north")
                    .add(0.5)
                    .add(0.6));
    assertThat(conditionalSum.where()).endsWith("at columns[3].probabilities.north");
    assertThat(conditionalSum.found()).isEqualTo("probabilities that sum to 1.1");
  }

  @Test
  void aModelFileGivenAsAWorldIsRecognised() throws IOException {
    Generator g =
        Registry.generators()
            .get("independent")
            .fit(StatGeneratorTest.sample(), Map.of(), Seed.of(1));
    Path model = dir.resolve("model.json");
    GeneratorFiles.save(g, model);
    UserInputException e =
        catchThrowableOfType(UserInputException.class, () -> WorldProvider.read(model));
    assertThat(e.found()).isEqualTo("a saved model of generator \"independent\"");
    assertThat(e.fix()).contains("--model " + model);

    Path cut = Files.writeString(dir.resolve("cut.json"), "{\"columns\": [");
    UserInputException truncated =
        catchThrowableOfType(UserInputException.class, () -> WorldProvider.read(cut));
    assertThat(truncated.where()).endsWith("cut.json:1:14");
    assertThat(truncated.found()).startsWith("text that ends in the middle of the JSON");
  }

  @Test
  void aSavedWorldWithAnEditedSpecNamesThePath() throws IOException {
    WorldSpec spec = WorldProvider.read(EXAMPLE);
    Path file = dir.resolve("saved.json");
    GeneratorFiles.save(WorldGenerator.of(spec, Seed.of(1)), file);
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) root.at("/state/spec/columns/2")).putArray("levels").add("north");
    JSON.writeValue(file.toFile(), root);
    UserInputException e =
        catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(file));
    assertThat(e.where()).endsWith("saved.json (state) at state.spec.columns[2].probabilities");
    assertThat(e.found()).isEqualTo("2 probabilities for 1 level");
    assertThat(e.fix()).contains("--save-model");
  }
}
