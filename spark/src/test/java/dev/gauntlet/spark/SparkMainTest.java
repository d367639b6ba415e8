package dev.gauntlet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.generators.BatchGeneration;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Progress;
import dev.gauntlet.spi.Registry;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point, run in this JVM on the tests' shared local Spark. */
class SparkMainTest {
  static final Path WORLD = Path.of("..", "examples", "worlds", "customers.json");

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void spark() {
    SharedSpark.session(); // the commands use the session that exists and leave it running
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkMain.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void generateOfAWorldIsTheLocalFileWithItsHeader() throws Exception {
    Path out = dir.resolve("world");
    Run r =
        run(
            "generate",
            "--world",
            WORLD.toString(),
            "--rows",
            "2500",
            "--batch-size",
            "1000",
            "--seed",
            "5",
            "--partitions",
            "2",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote 2500 rows").contains("3 batches in 2 partitions");

    // as gauntlet generate --world: the world fitted from its spec, rows by the library's writer
    Generator world =
        Registry.generators()
            .get("world")
            .fit(null, Map.of("spec", WORLD.toString()), Seed.of(5).derive("fit"));
    Path local = dir.resolve("local.csv");
    BatchGeneration.writeCsv(world, Seed.of(5), 2500, 1000, 2, local, Progress.NONE);

    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    joined.write(Files.readAllBytes(out.resolve(SparkGeneration.HEADER_FILE)));
    for (Path p : SparkGenerationTest.parts(out, ".txt")) {
      joined.write(Files.readAllBytes(p));
    }
    assertThat(joined.toString(StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(local, StandardCharsets.UTF_8));
  }

  @Test
  void compareOfTwoParquetTablesPrintsEachColumnsFigures() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    for (String[] side : new String[][] {{"1", a.toString()}, {"2", b.toString()}}) {
      Run g =
          run(
              "generate",
              "--world",
              WORLD.toString(),
              "--rows",
              "3000",
              "--batch-size",
              "1000",
              "--seed",
              side[0],
              "--format",
              "parquet",
              "--out",
              side[1]);
      assertThat(g.code()).as(g.err()).isZero();
    }
    // a table against itself, as text: no distance in any column
    Run self = run("compare", a.toString(), a.toString());
    assertThat(self.code()).as(self.err()).isZero();
    assertThat(self.out()).startsWith("rows: 3000 real, 3000 other");
    List<String> lines = self.out().lines().skip(1).toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            l -> assertThat(l).containsAnyOf("KS complement 1.0000", "TV complement 1.0000"));

    Run two = run("compare", a.toString(), b.toString(), "--json");
    assertThat(two.code()).as(two.err()).isZero();
    JsonNode figures = new ObjectMapper().readTree(two.out());
    // two seeds of one world: close in shape, not identical
    figures
        .path("columns")
        .forEach(
            c -> assertThat(c.path("shape_score").asDouble()).as(c.toString()).isBetween(0.9, 1.0));
    assertThat(figures.path("columns").findValues("shape_score"))
        .anySatisfy(s -> assertThat(s.asDouble()).isLessThan(1.0));
    assertThat(figures.path("rows_other").asLong()).isEqualTo(3000);
    assertThat(figures.path("columns").size()).isEqualTo(6); // age ... churn_true
  }

  @Test
  void badInputIsOneMessageAndExitTwo() {
    Run missing =
        run(
            "generate",
            "--model",
            dir.resolve("none.json").toString(),
            "--rows",
            "10",
            "--out",
            dir.resolve("o").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .contains("none.json")
        .contains("no such file")
        .doesNotContain("\tat ");

    Run neither = run("generate", "--rows", "10", "--out", dir.resolve("o").toString());
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err()).contains("neither --model nor --world");

    Run format =
        run(
            "generate",
            "--world",
            WORLD.toString(),
            "--rows",
            "10",
            "--format",
            "orc",
            "--out",
            dir.resolve("o").toString());
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("csv or parquet");

    // fitting is local (gauntlet generate --fit ... --save-model), not an option here
    Run unknown =
        run("generate", "--fit", "data.csv", "--rows", "10", "--out", dir.resolve("o").toString());
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown options: '--fit'");
  }
}
