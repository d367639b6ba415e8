package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every distribution family a world spec accepts is named in the README's list (issue 11). */
class FamiliesDocumentedTest {

  @Test
  void theReadmeListsEveryFamily() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int from = readme.indexOf("Families: ");
    assertThat(from).as("the README's list of families").isNotNegative();
    String list = readme.substring(from, readme.indexOf("Level probabilities", from));

    for (JsonSubTypes.Type t : Distribution.class.getAnnotation(JsonSubTypes.class).value()) {
      assertThat(list).as("family " + t.name()).contains("`" + t.name() + "`");
    }
  }
}
