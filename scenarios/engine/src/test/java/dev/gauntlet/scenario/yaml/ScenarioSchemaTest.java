package dev.gauntlet.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioSchemaTest {
  /** The copy editors use, relative to this module's folder (where Maven runs tests). */
  private static final Path CHECKED_IN = Path.of("../../docs/scenario.schema.json");

  @Test
  void theCheckedInSchemaIsTheOneGeneratedFromTheSpecRecords() throws IOException {
    assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
        .as("docs/scenario.schema.json is stale: ./gauntlet schema > docs/scenario.schema.json")
        .isEqualTo(ScenarioFiles.schemaText());
  }

  @Test
  void recordsRefuseUnknownKeysAndShortFormsTakeTheirScalar() {
    JsonNode schema = ScenarioSchema.of(ScenarioSpec.class);

    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("required").toString()).isEqualTo("[\"data\"]");
    JsonNode model = schema.path("$defs").path("ModelSpec").path("anyOf");
    assertThat(model.get(0).path("type").asText()).isEqualTo("string");
    assertThat(model.get(1).path("properties").has("class")).isTrue();
    assertThat(model.get(1).path("additionalProperties").asBoolean(true)).isFalse();
    JsonNode split = schema.path("$defs").path("SplitSpec").path("anyOf");
    assertThat(split.get(0).path("type").asText()).isEqualTo("number");
    assertThat(split.get(1).path("type").asText()).isEqualTo("string");
  }

  @Test
  void parameterMapsTakeAnyScalarAndAWorldTakesAnyJson() {
    JsonNode defs = ScenarioSchema.of(ScenarioSpec.class).path("$defs");

    assertThat(
            defs.path("VariantSpec")
                .path("properties")
                .path("params")
                .path("additionalProperties")
                .path("type")
                .toString())
        .isEqualTo("[\"string\",\"number\",\"boolean\"]");
    JsonNode world = defs.path("DataSpec").path("anyOf").get(1).path("properties").path("world");
    assertThat(world.isObject() && world.isEmpty()).as(world.toString()).isTrue();
  }
}
