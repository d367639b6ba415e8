package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --where} from a model that almost never makes the level says how many rows had
 * the level set, and {@code --where-strict} refuses instead (issue 11).
 */
class WhereStrictTest {
  @TempDir Path dir;

  @Test
  void rowsGivenTheLevelAreCountedAndStrictRefusesThem() throws IOException {
    // one "No" in 400 rows: a VAE trained on it makes "No" about never (seeded: none in the
    // 50 rounds of drawing here, so every row written is given the level)
    StringBuilder csv = new StringBuilder("x,released\n");
    for (int r = 0; r < 400; r++) {
      csv.append(r % 37).append(',').append(r == 0 ? "No" : "Yes").append('\n');
    }
    Path data = Files.writeString(dir.resolve("rare.csv"), csv);
    Path model = dir.resolve("vae.json");
    CliRun fit =
        CliRun.of(
            "generate",
            "--fit",
            data.toString(),
            "--generator",
            "vae",
            "-p",
            "epochs=20",
            "--seed",
            "1",
            "--save-model",
            model.toString(),
            "--quiet");
    assertThat(fit.code()).as(fit.err()).isZero();
    Path out = dir.resolve("no.csv");
    Path strictOut = dir.resolve("strict.csv");

    CliRun lenient =
        CliRun.of(
            "generate",
            "--model",
            model.toString(),
            "--rows",
            "200",
            "--where",
            "released=No",
            "--out",
            out.toString(),
            "--quiet");
    CliRun strict =
        CliRun.of(
            "generate",
            "--model",
            model.toString(),
            "--rows",
            "200",
            "--where",
            "released=No",
            "--where-strict",
            "--out",
            strictOut.toString(),
            "--quiet");

    assertThat(lenient.code()).as(lenient.err()).isZero();
    assertThat(lenient.out())
        .containsPattern("\\d+ of 200 rows were drawn freely and given released=No")
        .contains("--where-strict refuses instead");
    assertThat(Csv.read(out).categorical("released").levels()).containsExactly("No");
    assertThat(strict.code()).isEqualTo(2);
    assertThat(strict.err()).contains("released = \"No\"", "leave out --where-strict");
    assertThat(strictOut).doesNotExist();
    CliRun alone =
        CliRun.of(
            "generate",
            "--model",
            model.toString(),
            "--rows",
            "5",
            "--where-strict",
            "--out",
            strictOut.toString());
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err()).contains("--where-strict", "no --where");
  }
}
