package dev.gauntlet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spark stays optional: no other module of the build depends on this one, so a team that adds the
 * engine, the CLI or the JUnit extension gets no Spark (and no Scala) on its class path.
 */
class OptionalModuleTest {
  /** Where Maven runs this module's tests: the reactor's root is one folder up. */
  private static final Path ROOT = Path.of("..");

  @Test
  void noOtherModuleDependsOnTheSparkModule() throws IOException {
    List<Path> poms;
    try (Stream<Path> all = Files.walk(ROOT, 3)) {
      poms =
          all.filter(p -> p.getFileName().toString().equals("pom.xml"))
              .filter(p -> !p.normalize().equals(ROOT.resolve("spark/pom.xml").normalize()))
              .filter(p -> !p.toString().contains("target"))
              .toList();
    }
    // the root, the framework, the engine, the CLI, the JUnit extension and the others
    assertThat(poms).hasSizeGreaterThanOrEqualTo(10);
    for (Path pom : poms) {
      assertThat(Files.readString(pom))
          .as(pom.toString())
          .doesNotContain("<artifactId>gauntlet-spark</artifactId>");
    }
  }
}
