package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited or damaged statistical model file is a user error naming the field at fault. */
class SavedModelErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A saved gaussian-copula model of StatGeneratorTest's sample, edited by {@code edit}. */
  private Path saved(String generator, Consumer<ObjectNode> edit) throws IOException {
    Path file = dir.resolve(generator + ".json");
    GeneratorFiles.save(
        Registry.generators().get(generator).fit(StatGeneratorTest.sample(), Map.of(), Seed.of(1)),
        file);
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(root);
    JSON.writeValue(file.toFile(), root);
    return file;
  }

  private static ObjectNode column(ObjectNode root, int i) {
    return (ObjectNode) root.get("state").get("columns").get(i);
  }

  private static UserInputException load(Path file) {
    return catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(file));
  }

  @Test
  void aMissingStateOrSectionNamesItsPath() throws IOException {
    UserInputException noState = load(saved("gaussian-copula", r -> r.remove("state")));
    assertThat(noState.where()).endsWith("gaussian-copula.json (state)");
    assertThat(noState.found()).isEqualTo("nothing (the key is missing)");
    assertThat(noState.fix()).contains("re-save it with --save-model");

    UserInputException empty = load(saved("gaussian-copula", r -> r.putObject("state")));
    assertThat(empty.where()).endsWith("(state) at state.schema");
    assertThat(empty.found()).isEqualTo("nothing (the key is missing)");

    UserInputException noColumns =
        load(saved("gaussian-copula", r -> ((ObjectNode) r.get("state")).remove("columns")));
    assertThat(noColumns.where()).endsWith("(state) at state.columns");
  }

  @Test
  void editedValuesNameTheFieldWithFoundAndExpected() throws IOException {
    UserInputException negative =
        load(
            saved(
                "gaussian-copula",
                r -> {
                  ObjectNode d = (ObjectNode) column(r, 0).get("distribution");
                  d.removeAll();
                  d.put("family", "gamma").put("shape", -2).put("scale", 1).put("loc", 0);
                }));
    assertThat(negative.where()).endsWith("(state) at state.columns[0].distribution.shape");
    assertThat(negative.found()).isEqualTo("-2");
    assertThat(negative.expected()).isEqualTo("a number above 0");

    UserInputException family =
        load(
            saved(
                "gaussian-copula",
                r -> ((ObjectNode) column(r, 1).get("distribution")).put("family", "weibull")));
    assertThat(family.where()).endsWith("state.columns[1].distribution.family");
    assertThat(family.found()).isEqualTo("\"weibull\"");
    assertThat(family.expected()).contains("normal", "log-normal", "empirical");

    UserInputException rate =
        load(saved("gaussian-copula", r -> column(r, 2).put("missingRate", 7)));
    assertThat(rate.where()).endsWith("state.columns[2].missingRate");
    assertThat(rate.found()).isEqualTo("7");
    assertThat(rate.expected()).isEqualTo("a share from 0 to 1");

    UserInputException probabilities =
        load(
            saved(
                "gaussian-copula", r -> column(r, 4).putArray("probabilities").add(0.5).add(0.5)));
    assertThat(probabilities.where()).endsWith("state.columns[4].probabilities");
    assertThat(probabilities.found()).isEqualTo("2 probabilities for 3 levels");
    assertThat(probabilities.expected()).contains("[high, low, mid]");

    UserInputException sum =
        load(
            saved(
                "gaussian-copula",
                r -> column(r, 4).putArray("probabilities").add(0.5).add(0.4).add(0.3)));
    assertThat(sum.found()).isEqualTo("probabilities that sum to 1.2");

    UserInputException matrix =
        load(
            saved(
                "gaussian-copula",
                r -> ((ArrayNode) r.get("state").get("correlation").get(0)).set(1, 3.5)));
    assertThat(matrix.where()).endsWith("state.correlation[0][1]");
    assertThat(matrix.found()).isEqualTo("3.5");

    UserInputException row =
        load(
            saved(
                "gaussian-copula",
                r -> ((ArrayNode) r.get("state").get("correlation")).setNull(2)));
    assertThat(row.where()).endsWith("state.correlation[2]");
    assertThat(row.found()).isEqualTo("null");

    UserInputException type =
        load(
            saved(
                "independent",
                r -> ((ObjectNode) r.get("state").get("schema").get(0)).put("type", "number")));
    assertThat(type.where()).endsWith("state.schema[0].type");
    assertThat(type.expected()).isEqualTo("one of numeric, categorical, datetime");
    for (UserInputException e :
        new UserInputException[] {negative, family, rate, probabilities, sum, matrix, row, type}) {
      assertThat(e.getMessage()).doesNotContain("dev.gauntlet", "Exception", "[Source");
    }
  }

  @Test
  void aStateUnderAnotherGeneratorsNameSaysWhoseItIs() throws IOException {
    // (a deep generator's name over another state: SavedDeepModelErrorsTest, in the deep module)
    UserInputException e = load(saved("gaussian-copula", r -> r.put("generator", "independent")));
    assertThat(e.where()).endsWith("(generator)");
    assertThat(e.found())
        .isEqualTo(
            "generator \"independent\", which the state does not match: it is the state of"
                + " generator \"gaussian-copula\"");
    assertThat(e.fix()).startsWith("set \"generator\" back to \"gaussian-copula\"");

    UserInputException independent =
        load(saved("independent", r -> r.put("generator", "gaussian-copula")));
    assertThat(independent.found()).endsWith("it is the state of generator \"independent\"");

    // a copula's matrix removed leaves the state of independent columns
    UserInputException noMatrix =
        load(saved("gaussian-copula", r -> ((ObjectNode) r.get("state")).remove("correlation")));
    assertThat(noMatrix.found()).endsWith("it is the state of generator \"independent\"");
  }

  @Test
  void aTruncatedModelIsDamagedAndCsvIsNotAModel() throws IOException {
    Path file = saved("independent", r -> {});
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() / 2));
    UserInputException truncated = load(file);
    assertThat(truncated.where()).matches(".*independent\\.json:\\d+:\\d+");
    assertThat(truncated.found())
        .startsWith("text that ends in the middle of the JSON")
        .doesNotContain("Source", "REDACTED");
    assertThat(truncated.fix()).contains("damaged or truncated").doesNotContain("not the data");

    Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
    assertThat(load(csv).fix()).isEqualTo("give the model file, not the data or a scenario");
  }
}
