package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbCommandTest {
  private static final Path CREDIT = Path.of("..", "..", "examples", "data", "credit_g.csv");

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void theIssueSpellingsWriteADeterministicPerturbedCopy() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    String[] applies = {
      "--apply", "covariate-shift:column=age,shift=1.5",
      "--apply", "missing:rate=0.2,mechanism=mcar,label=class",
      "--apply", "label-flip:label=class,rate=0.3",
      "--apply", "gaussian-noise:scale=0.1",
      "--apply", "prior-shift:label=class,proportions=good=0.5;bad=0.5"
    };
    for (Path out : new Path[] {a, b}) {
      String[] args = new String[applies.length + 6];
      args[0] = "perturb";
      args[1] = CREDIT.toString();
      System.arraycopy(applies, 0, args, 2, applies.length);
      args[applies.length + 2] = "--seed";
      args[applies.length + 3] = "42";
      args[applies.length + 4] = "--out";
      args[applies.length + 5] = out.toString();
      CliRun r = run(args);
      assertThat(r.code()).as(r.err()).isZero();
    }
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    Table in = Csv.read(CREDIT, CsvOptions.defaults());
    Table out = Csv.read(a, CsvOptions.defaults());
    assertThat(out.rowCount()).isEqualTo(1000);
    assertThat(out.schema().names()).isEqualTo(in.schema().names());
    assertThat(out.column("class").missingCount()).isZero();
    assertThat(out.categorical("class").counts()).containsExactlyInAnyOrder(500, 500);
    assertThat(out.column("age").missingCount()).isGreaterThan(100);
    assertThat(out.numeric("age").allIntegers()).isTrue();
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("a.csv", "b.csv");
  }

  @Test
  void badOutputPathsAreRefusedBeforeReading() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("adir"));
    Path missing = dir.resolve("nodir").resolve("x.csv");
    String[] apply = {"--apply", "gaussian-noise:scale=0.1"};

    CliRun outFolder = run("perturb", CREDIT.toString(), apply[0], apply[1], "--out", "" + folder);
    CliRun outMissing =
        run("perturb", CREDIT.toString(), apply[0], apply[1], "--out", "" + missing);
    CliRun outEmpty = run("perturb", CREDIT.toString(), apply[0], apply[1], "--out", "");

    assertThat(outFolder.code()).as(outFolder.err()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(outFolder.err()).startsWith("--out " + folder).contains("found:    a folder");
    assertThat(outMissing.code()).as(outMissing.err()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(outMissing.err())
        .contains("no folder " + missing.getParent())
        .doesNotContain(".part");
    assertThat(outEmpty.code()).as(outEmpty.err()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(outEmpty.err()).contains("an empty path");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("adir");
    }
  }

  @Test
  void listPrintsEveryPerturbationWithParametersAndDefaults() {
    CliRun r = run("perturb", "--list");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "covariate-shift",
            "prior-shift",
            "missing",
            "label-flip",
            "gaussian-noise",
            "backdoor",
            "typos",
            "concept-shift")
        .contains("mechanism")
        .contains("(default: mcar)")
        .contains("proportions")
        .contains("(required)");
  }

  @Test
  void anUnknownPerturbationListsTheKnownOnes() {
    CliRun r =
        run(
            "perturb",
            CREDIT.toString(),
            "--apply",
            "gaussian-nosie",
            "--out",
            dir.resolve("x.csv").toString());
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err())
        .contains("perturbation \"gaussian-nosie\"")
        .contains("gaussian-noise")
        .contains("covariate-shift");
    assertThat(dir.resolve("x.csv")).doesNotExist();
  }

  @Test
  void aMissingLabelColumnIsNamed() {
    CliRun r =
        run(
            "perturb",
            CREDIT.toString(),
            "--apply",
            "label-flip:rate=0.3",
            "--out",
            dir.resolve("x.csv").toString());
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err())
        .contains("label-flip: label")
        .contains("no label column")
        .contains("--label");
    assertThat(dir.resolve("x.csv")).doesNotExist();
  }

  @Test
  void aBadValueNamesThePerturbationAndKey() {
    CliRun r =
        run(
            "perturb",
            CREDIT.toString(),
            "--apply",
            "covariate-shift:shift=abc",
            "--out",
            dir.resolve("x.csv").toString());
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err()).contains("covariate-shift: shift").contains("not a number: \"abc\"");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void theLabelOptionServesEveryPerturbation() {
    Path out = dir.resolve("flipped.csv");
    CliRun r =
        run(
            "perturb",
            CREDIT.toString(),
            "--label",
            "class",
            "--apply",
            "label-flip:rate=0.3",
            "--seed",
            "1",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Table in = Csv.read(CREDIT, CsvOptions.defaults());
    Table flipped = Csv.read(out, CsvOptions.defaults());
    int changed = 0;
    for (int row = 0; row < in.rowCount(); row++) {
      changed += in.column("class").format(row).equals(flipped.column("class").format(row)) ? 0 : 1;
    }
    assertThat(changed).isEqualTo(300);
  }

  @Test
  void conceptShiftRelabelsDataOfAKnownWorld() throws IOException {
    Path world = dir.resolve("world.json");
    Files.writeString(
        world,
        """
        {"columns": [
          {"kind": "numeric", "name": "x1", "distribution": {"family": "normal", "mean": 0, "sd": 1}},
          {"kind": "categorical", "name": "region", "levels": ["south", "north"],
           "probabilities": [0.5, 0.5]}],
         "label": {"rule": "logistic", "column": "y", "weights": {"x1": 2.0, "region=north": 0.5},
           "noise": 0.1, "truth": "y_true"}}
        """);
    Path data = dir.resolve("data.csv");
    CliRun g =
        run(
            "generate",
            "--world",
            world.toString(),
            "--rows",
            "2000",
            "--seed",
            "3",
            "--out",
            data.toString(),
            "--quiet");
    assertThat(g.code()).as(g.err()).isZero();
    String apply = "concept-shift:world=" + world + ",weights=x1=-2;region=north=1";
    Path same = dir.resolve("same.csv");
    Path shifted = dir.resolve("shifted.csv");
    for (String[] a : new String[][] {{"0", same.toString()}, {"1", shifted.toString()}}) {
      CliRun r =
          run(
              "perturb",
              data.toString(),
              "--apply",
              apply,
              "--severity",
              a[0],
              "--seed",
              "5",
              "--out",
              a[1]);
      assertThat(r.code()).as(r.err()).isZero();
    }
    Table in = Csv.read(data, CsvOptions.defaults());
    assertThat(Csv.read(same, CsvOptions.defaults())).isEqualTo(in);
    Table out = Csv.read(shifted, CsvOptions.defaults());
    assertThat(out.column("x1")).isEqualTo(in.column("x1"));
    assertThat(out.column("region")).isEqualTo(in.column("region"));
    int changed = 0;
    for (int row = 0; row < in.rowCount(); row++) {
      String y0 = in.column("y").format(row);
      String y1 = out.column("y").format(row);
      changed += y0.equals(y1) ? 0 : 1;
      // the label noise stays with its row
      assertThat(y1.equals(out.column("y_true").format(row)))
          .isEqualTo(y0.equals(in.column("y_true").format(row)));
    }
    assertThat(changed).isGreaterThan(400);

    CliRun bad =
        run(
            "perturb",
            data.toString(),
            "--apply",
            "concept-shift:world=" + world + ",weights=ages=1",
            "--out",
            dir.resolve("x.csv").toString());
    assertThat(bad.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(bad.err()).contains("concept-shift: weights").contains("\"ages\"");
    assertThat(bad.err()).doesNotContain("Exception");
  }

  @Test
  void aSummaryOfWhatEachPerturbationChangedIsPrinted() {
    Path out = dir.resolve("s.csv");
    CliRun r =
        run(
            "perturb",
            CREDIT.toString(),
            "--label",
            "class",
            "--apply",
            "covariate-shift:columns=age,shift=3,ranges=age:19..75",
            "--apply",
            "duplicates:rate=0.1",
            "--apply",
            "selection-bias:column=duration",
            "--seed",
            "1",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).isEqualTo(out + ": 1100 rows, 21 columns (seed 1)");
    assertThat(lines[1])
        .startsWith(
            "  covariate-shift:columns=age,shift=3,ranges=age:19..75: 1,000 rows in, 1,000 rows"
                + " out: ")
        .contains(" cells changed, ")
        .endsWith(" values clipped to the column's range");
    assertThat(lines[2])
        .isEqualTo("  duplicates:rate=0.1: 1,000 rows in, 1,100 rows out: 100 rows added");
    assertThat(lines[3])
        .startsWith("  selection-bias:column=duration: 1,100 rows in, 1,100 rows out: ")
        .contains(" rows replaced by copies of others, effective sample size ")
        .doesNotContain("cells");
  }

  @Test
  void aMissingValueInTheFirstColumnIsWrittenAsAnEmptyField() throws IOException {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "a,b\n1,x\n,y\n3,\n");
    Path out = dir.resolve("out.csv");
    CliRun r =
        run("perturb", in.toString(), "--apply", "gaussian-noise:scale=0", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("a,b\n1,x\n,y\n3,\n");
  }
}
