package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Id columns from the command line: detected, declared, overridden, reported, kept out. */
class IdColumnsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** 80 rows: a unique order reference, a number and a category; the same data, other refs. */
  private Path table(String name, String refPrefix) throws IOException {
    StringBuilder csv = new StringBuilder("ref,amount,colour,status\n");
    for (int r = 0; r < 80; r++) {
      csv.append(refPrefix)
          .append(r)
          .append(',')
          .append(10 + (r * 7) % 23)
          .append(',')
          .append(r % 3 == 0 ? "red" : "blue")
          .append(',')
          .append((r * 7) % 23 > 11 ? "paid" : "late")
          .append('\n');
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  @Test
  void compareDetectsAnIdSaysSoAndLeavesItOutOfEveryFigure() throws IOException {
    String real = table("real.csv", "order-").toString();
    String copy = table("copy.csv", "synthetic-").toString();

    CliRun r = CliRun.of("compare", real, copy, "--label", "status", "--json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("id column ref: kept in outputs, left out of every figure and model")
        .contains("detected: 80 distinct values in 80 rows; --not-id ref uses it as data");
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("ids").get("ref").asText()).isEqualTo("detected");
    assertThat(root.get("columns").has("ref")).isFalse();
    assertThat(root.get("drift").get("columns").has("ref")).isFalse();
    // the rows differ only in their ids: copies, at distance 0
    assertThat(root.get("exact_copy_rate").asDouble()).isEqualTo(1);
    assertThat(root.get("dcr_median").asDouble()).isZero();
    assertThat(root.get("quality_score").asDouble()).isEqualTo(1);

    CliRun text = CliRun.of("compare", real, copy);
    assertThat(text.out()).contains("id columns, kept out of every figure above: ref");
  }

  @Test
  void notIdKeepsTheColumnAsDataAndIdDeclaresOne() throws IOException {
    String real = table("real.csv", "order-").toString();
    String copy = table("copy.csv", "synthetic-").toString();

    CliRun notId = CliRun.of("compare", real, copy, "--not-id", "ref", "--json");
    CliRun declared = CliRun.of("compare", real, copy, "--id", "amount", "--json");

    assertThat(notId.code()).as(notId.err()).isZero();
    assertThat(notId.err()).contains("column ref looks like an id but is used as data (--not-id)");
    JsonNode kept = JSON.readTree(notId.out());
    assertThat(kept.get("columns").has("ref")).isTrue();
    assertThat(kept.get("exact_copy_rate").asDouble()).isZero();
    assertThat(declared.code()).as(declared.err()).isZero();
    assertThat(declared.err()).contains("id column amount", "(declared (--id))");
    JsonNode ids = JSON.readTree(declared.out()).get("ids");
    assertThat(ids.get("amount").asText()).isEqualTo("declared");
    assertThat(ids.get("ref").asText()).isEqualTo("detected");
  }

  @Test
  void badIdOptionsAreUserErrors() throws IOException {
    String real = table("real.csv", "order-").toString();

    CliRun unknown = CliRun.of("compare", real, real, "--id", "nope");
    CliRun both = CliRun.of("inspect", real, "--id", "ref", "--not-id", "ref");
    CliRun label = CliRun.of("compare", real, real, "--label", "ref");

    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("column \"nope\"", "no column of that name");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--id ref and --not-id ref");
    assertThat(label.code()).isEqualTo(2);
    assertThat(label.err()).contains("--label \"ref\"", "an id column", "--not-id ref");
  }

  @Test
  void inspectShowsTheIdRole() throws IOException {
    CliRun r = CliRun.of("inspect", table("real.csv", "order-").toString(), "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode first = JSON.readTree(r.out()).get("columns").get(0);
    assertThat(first.get("name").asText()).isEqualTo("ref");
    assertThat(first.get("role").asText()).isEqualTo("id");
  }

  @Test
  void perturbKeepsIdsUnchanged() throws IOException {
    Path in = table("real.csv", "order-");
    Path out = dir.resolve("noisy.csv");

    CliRun r =
        CliRun.of("perturb", in.toString(), "--apply", "missing:rate=0.5", "--out", out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("id column ref");
    assertThat(Csv.read(out).column("ref")).isEqualTo(Csv.read(in).column("ref"));
  }

  @Test
  void generateWritesFreshIdsAndKeepsTheLabelRoleInTheModel() throws IOException {
    Path in = table("real.csv", "order-");
    Path out = dir.resolve("synthetic.csv");
    Path model = dir.resolve("m.json");

    CliRun r =
        CliRun.of(
            "generate",
            "--fit",
            in.toString(),
            "--label",
            "status",
            "--numeric",
            "amount",
            "--rows",
            "200",
            "--out",
            out.toString(),
            "--save-model",
            model.toString(),
            "--quiet");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("id column ref");
    Table t = Csv.read(out);
    var refs = t.categorical("ref");
    assertThat(refs.levels()).hasSize(200).allMatch(l -> l.startsWith("syn-"));
    JsonNode schema = JSON.readTree(model.toFile()).get("schema");
    assertThat(schema.get(0).get("role").asText()).isEqualTo(ColumnRole.ID.id());
    assertThat(schema.get(3).get("role").asText()).isEqualTo(ColumnRole.LABEL.id());

    CliRun withModel =
        CliRun.of(
            "generate",
            "--model",
            model.toString(),
            "--label",
            "status",
            "--save-model",
            dir.resolve("m2.json").toString());
    assertThat(withModel.code()).isEqualTo(2);
    assertThat(withModel.err()).contains("--label status", "--label only when fitting (--fit)");
    CliRun badNumber =
        CliRun.of(
            "generate",
            "--fit",
            in.toString(),
            "--numeric",
            "colour",
            "--save-model",
            dir.resolve("m3.json").toString());
    // --numeric reads values that are not numbers as missing, and names them on stderr
    assertThat(badNumber.code()).isEqualTo(0);
    assertThat(badNumber.err())
        .contains("colour: 80 values of 80 are not numbers", "read as missing (--numeric)");
  }
}
