package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures of {@code compare} and {@code evaluate} that used to read wrong (issue 10). */
class FigureDefinitionsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void evaluateClampsFloat32RoundingOfProbabilities() throws IOException {
    // a float32 model writes 1.0000001 and -0.0000001 for certain classes; they were refused
    Path p = write("p.csv", "y_true,p_a,p_b\nb,-0.0000001,1.0000001\na,0.9,0.1\n");
    CliRun r = CliRun.of("evaluate", "--predictions", p.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("accuracy").asDouble()).isEqualTo(1.0);
    // bins (0.8, 0.9] and (0.9, 1]: half the rows 0.1 under-confident
    assertThat(root.get("ece").asDouble()).isCloseTo(0.05, within(1e-12));

    Path far = write("f.csv", "y_true,p_a,p_b\nb,-0.01,1.01\n");
    CliRun bad = CliRun.of("evaluate", "--predictions", far.toString());
    assertThat(bad.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(bad.err()).startsWith(far + ":2 (column \"p_a\")").contains("-0.01");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
