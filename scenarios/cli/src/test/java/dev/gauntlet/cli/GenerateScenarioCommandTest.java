package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.data.Csv;
import dev.gauntlet.scenario.internal.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gauntlet generate --scenario}: a scenario's datasets without its model. */
class GenerateScenarioCommandTest {
  private static final String CREDIT = "../../examples/scenarios/credit-under-pressure.yaml";

  @TempDir Path dir;

  @Test
  void writesTheScenariosDatasetsAndAManifestAndSaysWhatItSkipped() throws Exception {
    Path out = dir.resolve("credit");
    CliRun run = CliRun.of("generate", "--scenario", CREDIT, "--out", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("credit-under-pressure: seed 42, 25 datasets in " + out.resolve("datasets"))
        .contains("older-applicants/0.25/test.csv")
        .contains("skipped evasion: an attack on the model: its rows need the model");
    // 1,000 rows split 70/30 by class; severities 0 write nothing (they are train.csv, test.csv)
    assertThat(Csv.read(out.resolve("datasets/data.csv")).rowCount()).isEqualTo(1000);
    assertThat(Csv.read(out.resolve("datasets/train.csv")).rowCount()).isEqualTo(700);
    assertThat(Csv.read(out.resolve("datasets/test.csv")).rowCount()).isEqualTo(300);
    assertThat(out.resolve("datasets/flipped-labels/1/train.csv")).isRegularFile();
    assertThat(out.resolve("datasets/planted-trigger/0.5/train.csv")).isRegularFile();
    assertThat(out.resolve("datasets/older-applicants/0")).doesNotExist();
    assertThat(out.resolve("datasets/evasion")).doesNotExist();
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("seed").asLong()).isEqualTo(42);
    assertThat(manifest.get("datasets")).hasSize(25);
    assertThat(manifest.get("datasets").get("datasets/train.csv").asText())
        .isEqualTo(Engine.sha256(out.resolve("datasets/train.csv")));
  }

  @Test
  void theSeedOptionChangesTheRowsAndTheSameSeedGivesTheSameBytes() throws Exception {
    String[] base = {"generate", "--scenario", CREDIT, "--quiet", "--out"};
    assertThat(CliRun.of(concat(base, dir.resolve("a").toString(), "--seed", "3")).code()).isZero();
    assertThat(
            CliRun.of(concat(base, dir.resolve("b").toString(), "--seed", "3", "--threads", "1"))
                .code())
        .isZero();
    assertThat(CliRun.of(concat(base, dir.resolve("c").toString())).code()).isZero();
    Path file = Path.of("datasets", "missing-values", "0.5", "test.csv");
    assertThat(Files.readString(dir.resolve("b").resolve(file)))
        .isEqualTo(Files.readString(dir.resolve("a").resolve(file)));
    assertThat(Files.readString(dir.resolve("c").resolve(file)))
        .isNotEqualTo(Files.readString(dir.resolve("a").resolve(file)));
  }

  @Test
  void aBadScenarioExitsTwoWithItsPositionedMessageAndWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "data: "
            + Path.of("../../examples/data/credit_g.csv").toAbsolutePath().normalize()
            + "\n"
            + "variants:\n"
            + "  - {name: shifted, kind: covariate-shfit}\n");
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("generate", "--scenario", bad.toString(), "--out", out.toString());

    assertThat(run.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(run.err())
        .startsWith(bad + ":3:27 (variants[0].kind)")
        .contains("did you mean covariate-shift?")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void optionsOfAFitAreRefusedWithAScenario() {
    CliRun run =
        CliRun.of(
            "generate", "--scenario", CREDIT, "--out", dir.toString(), "--rows", "10", "-p", "a=b");

    assertThat(run.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(run.err())
        .contains("--rows --param")
        .contains("with --scenario only --out, --seed, --threads, --quiet");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
