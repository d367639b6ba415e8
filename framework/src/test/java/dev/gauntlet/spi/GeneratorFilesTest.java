package dev.gauntlet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorFilesTest {
  @TempDir Path dir;

  private static Generator bootstrap() {
    Table data =
        Table.builder()
            .numeric("x", 1, 2.5, Double.NaN, 4)
            .categorical("k", "a", null, "b", "a")
            .build();
    return Registry.generators().get("bootstrap").fit(data, Map.of(), Seed.of(1));
  }

  @Test
  void aSavedGeneratorLoadsAndDrawsTheSameRows() throws IOException {
    Generator g = bootstrap();
    Path file = dir.resolve("model.json");
    GeneratorFiles.save(g, file);

    var root = new ObjectMapper().readTree(file.toFile());
    assertThat(root.get("format").asText()).isEqualTo("gauntlet-generator");
    assertThat(root.get("version").asInt()).isEqualTo(1);
    assertThat(root.get("generator").asText()).isEqualTo("bootstrap");
    assertThat(root.get("schema").get(1).get("type").asText()).isEqualTo("categorical");
    assertThat(Files.list(dir)).containsExactly(file);

    Generator back = GeneratorFiles.load(file);
    assertThat(back.schema()).isEqualTo(g.schema());
    assertThat(back.sample(Seed.of(7), 50)).isEqualTo(g.sample(Seed.of(7), 50));
  }

  @Test
  void otherFilesAreUserErrors() throws IOException {
    Path notJson = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
    assertThat(catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(notJson)))
        .satisfies(e -> assertThat(e.found()).startsWith("text that is not JSON"));

    Path other = Files.writeString(dir.resolve("other.json"), "{\"format\": \"x\"}");
    assertThat(catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(other)))
        .satisfies(e -> assertThat(e.expected()).isEqualTo("\"gauntlet-generator\""));

    Path future =
        Files.writeString(
            dir.resolve("future.json"), "{\"format\": \"gauntlet-generator\", \"version\": 9}");
    assertThat(catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(future)))
        .satisfies(e -> assertThat(e.found()).isEqualTo("9"));

    Path unknown =
        Files.writeString(
            dir.resolve("unknown.json"),
            "{\"format\": \"gauntlet-generator\", \"version\": 1, \"generator\": \"nope\","
                + " \"schema\": [], \"state\": {}}");
    assertThat(catchThrowableOfType(UserInputException.class, () -> GeneratorFiles.load(unknown)))
        .satisfies(e -> assertThat(e.expected()).contains("bootstrap"));

    assertThat(
            catchThrowableOfType(
                UserInputException.class, () -> GeneratorFiles.load(dir.resolve("missing.json"))))
        .satisfies(e -> assertThat(e.found()).isEqualTo("no such file"));
  }
}
