package dev.gauntlet.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.yaml.internal.SafeYamlReader;
import dev.gauntlet.scenario.yaml.internal.YamlLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlDocumentTest {
  private static final SafeYamlReader READER = new SafeYamlReader(YamlLimits.DEFAULT);

  @Test
  void valuesAndKeysHaveTheirLineAndColumn() {
    YamlDocument doc =
        READER.parse("seed: 7\nvariants:\n  - name: noise\n    params: {scale: 2}\n", "s.yaml");

    assertThat(doc.positionOf(List.of("seed"))).hasToString("s.yaml:1:7");
    assertThat(doc.keyPositionOf(List.of("seed"))).hasToString("s.yaml:1:1");
    assertThat(doc.positionOf(List.of("variants", 0, "name"))).hasToString("s.yaml:3:11");
    assertThat(doc.keyPositionOf(List.of("variants", 0, "params", "scale")))
        .hasToString("s.yaml:4:14");
    // a path with no value of its own falls back to the nearest enclosing one
    assertThat(doc.positionOf(List.of("variants", 0, "kind"))).hasToString("s.yaml:3:5");
  }

  @Test
  void columnsCountCharactersAsAUserSeesThem() {
    // the emoji is two UTF-16 units but one character
    YamlDocument doc = READER.parse("description: \"😀 x\"\nseed: [1, 😀]\n", "s.yaml");

    assertThat(doc.positionOf(List.of("seed", 1))).hasToString("s.yaml:2:11");
    // an index inside the text counts UTF-16 units (String.charAt): 3 is the x
    assertThat(doc.positionInside(List.of("description"), 3)).hasToString("s.yaml:1:17");
  }

  @Test
  void positionsInsideATextAreExactWhereTheTextIsWrittenAsItReads() {
    YamlDocument doc =
        READER.parse(
            "expectations:\n"
                + "  - accuracy >= 0.8\n"
                + "  - 'ece <= 0.05'\n"
                + "  - \"a\\tb <= 1\"\n",
            "s.yaml");

    assertThat(doc.positionInside(List.of("expectations", 0), 9)).hasToString("s.yaml:2:14");
    assertThat(doc.positionInside(List.of("expectations", 1), 4)).hasToString("s.yaml:3:10");
    // an escape makes the text differ from what is written: the value's start, not a guess
    assertThat(doc.positionInside(List.of("expectations", 2), 4)).hasToString("s.yaml:4:5");
  }

  @Test
  void aliasesExpandWithinTheirBudget() {
    YamlDocument doc = READER.parse("a: &x [1, 2]\nb: *x\n", "s.yaml");

    assertThat(doc.tree().path("b").toString()).isEqualTo("[1,2]");
    assertThat(doc.positionOf(List.of("b", 1))).hasToString("s.yaml:2:4");
  }

  @Test
  void smallLimitsAreEnforcedExactlyAtTheirBound() {
    SafeYamlReader small = new SafeYamlReader(new YamlLimits(1000, 3, 1, 6));

    assertThat(small.parse("a: [1, 2, 3, 4]\n", "s.yaml").tree().path("a").size()).isEqualTo(4);
    assertThatThrownBy(() -> small.parse("a: [1, 2, 3, 4, 5]\n", "s.yaml"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("more than 6 values");
    assertThat(small.parse("a: {b: [1]}\n", "s.yaml").tree().at("/a/b/0").asInt()).isEqualTo(1);
    assertThatThrownBy(() -> small.parse("a: {b: [[1]]}\n", "s.yaml"))
        .hasMessageContaining("nested 4 levels deep");
    assertThatThrownBy(() -> small.parse("a: &x [1]\nb: *x\nc: *x\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml:3:4 (c)")
        .hasMessageContaining("more than 1 aliases");
    assertThatThrownBy(() -> small.parse("a: '" + "x".repeat(1000) + "'\n", "s.yaml"))
        .hasMessageContaining("a file of 1006 characters");
  }
}
