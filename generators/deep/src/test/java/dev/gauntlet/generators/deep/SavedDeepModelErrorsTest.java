package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited or damaged VAE or GAN file is a user error naming the field at fault. */
class SavedDeepModelErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Generator vae;
  private static Generator gan;

  @TempDir Path dir;

  @BeforeAll
  static void fit() {
    Map<String, String> p =
        Map.of("epochs", "1", "hidden", "8", "embedding", "4", "progress", "false");
    vae =
        Registry.generators()
            .get("vae")
            .fit(DataTransformTest.telcoWithMissing(100), p, Seed.of(1));
    gan =
        Registry.generators()
            .get("gan")
            .fit(DataTransformTest.telcoWithMissing(100), p, Seed.of(1));
  }

  private UserInputException edited(Generator g, Consumer<ObjectNode> edit) throws IOException {
    Path file = dir.resolve(g.name() + ".json");
    GeneratorFiles.save(g, file);
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    ObjectNode state = (ObjectNode) root.get("state");
    edit.accept(state);
    JSON.writeValue(file.toFile(), root);
    return catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(file));
  }

  @Test
  void missingSectionsNameTheirPath() throws IOException {
    UserInputException weights = edited(vae, s -> s.remove("weights"));
    assertThat(weights.where()).endsWith("vae.json (state) at state.weights");
    assertThat(weights.found()).isEqualTo("nothing (the key is missing)");
    assertThat(weights.fix()).contains("re-save it with --save-model");

    UserInputException empty = edited(vae, s -> s.putObject("weights"));
    assertThat(empty.where()).endsWith("state.weights.\"enc0.w\"");
    assertThat(empty.expected()).startsWith("weights \"enc0.w\" of shape [");

    UserInputException tensor = edited(vae, s -> ((ObjectNode) s.get("weights")).remove("dec0.w"));
    assertThat(tensor.where()).endsWith("state.weights.\"dec0.w\"");
    assertThat(tensor.expected()).isEqualTo("weights \"dec0.w\" of shape [4, 8]");

    UserInputException options = edited(vae, s -> s.putObject("options"));
    assertThat(options.where()).endsWith("state.options.epochs");
    assertThat(options.expected()).isEqualTo("a whole number >= 1");

    UserInputException conditions = edited(gan, s -> s.remove("conditions"));
    assertThat(conditions.where()).endsWith("gan.json (state) at state.conditions");

    UserInputException transform = edited(gan, s -> s.putArray("transform"));
    assertThat(transform.where()).endsWith("state.transform");
    assertThat(transform.expected()).isEqualTo("a list of at least one column encoding");
  }

  @Test
  void valuesThatDoNotFitTheNetworkAreRefused() throws IOException {
    UserInputException hidden = edited(vae, s -> ((ObjectNode) s.get("options")).put("hidden", 16));
    assertThat(hidden.where()).endsWith("state.weights.\"enc0.w\".shape");
    assertThat(hidden.found()).endsWith(", 8]");

    UserInputException data =
        edited(vae, s -> ((ObjectNode) s.get("weights").get("out.b")).put("data", "AAAA"));
    assertThat(data.where()).endsWith("state.weights.\"out.b\".data");
    assertThat(data.found()).isEqualTo("3 bytes"); // "AAAA" is 3 bytes of base64
    assertThat(data.expected()).contains("float32 values for shape");

    UserInputException level =
        edited(vae, s -> ((ObjectNode) s.get("transform").get(0)).put("type", "text"));
    assertThat(level.where()).endsWith("state.transform[0].type");
    assertThat(level.found()).isEqualTo("\"text\"");
  }

  @Test
  void aStateOfTheOtherDeepGeneratorSaysSo() throws IOException {
    Path file = dir.resolve("renamed.json");
    GeneratorFiles.save(gan, file);
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    root.put("generator", "vae");
    JSON.writeValue(file.toFile(), root);
    UserInputException e =
        catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(file));
    assertThat(e.where()).endsWith("renamed.json (generator)");
    assertThat(e.found()).endsWith("it is the state of generator \"gan\"");
  }
}
