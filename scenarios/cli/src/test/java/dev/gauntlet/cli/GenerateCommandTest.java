package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  private static final Path DATA = Path.of("..", "..", "examples", "data");

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void outputIsByteIdenticalForOneAndThreeThreadsAndFromASavedModel() throws Exception {
    String telco = DATA.resolve("telco_churn.csv").toString();
    Path one = dir.resolve("one.csv");
    Path three = dir.resolve("three.csv");
    Path again = dir.resolve("again.csv");
    Path model = dir.resolve("model.json");
    String[] common = {"--rows", "25000", "--seed", "7", "--batch-size", "1000", "--quiet"};

    CliRun r1 =
        run(
            concat(
                new String[] {
                  "generate",
                  "--fit",
                  telco,
                  "--threads",
                  "1",
                  "--out",
                  one.toString(),
                  "--save-model",
                  model.toString()
                },
                common));
    assertThat(r1.code()).as(r1.err()).isZero();
    assertThat(r1.out()).contains("fitted gaussian-copula", "wrote 25000 rows x 20 columns");
    CliRun r3 =
        run(
            concat(
                new String[] {
                  "generate", "--fit", telco, "--threads", "3", "--out", three.toString()
                },
                common));
    assertThat(r3.code()).as(r3.err()).isZero();
    CliRun rm =
        run(
            concat(
                new String[] {
                  "generate",
                  "--model",
                  model.toString(),
                  "--threads",
                  "2",
                  "--out",
                  again.toString()
                },
                common));
    assertThat(rm.code()).as(rm.err()).isZero();

    byte[] bytes = Files.readAllBytes(one);
    assertThat(Files.readAllBytes(three)).isEqualTo(bytes);
    assertThat(Files.readAllBytes(again)).isEqualTo(bytes);
    Table t = Csv.read(one);
    assertThat(t.rowCount()).isEqualTo(25000);
    assertThat(t.schema().names())
        .isEqualTo(Csv.read(DATA.resolve("telco_churn.csv")).schema().names());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void everyExampleDatasetFitsAndGenerates() throws Exception {
    try (var files = Files.list(DATA)) {
      for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        for (String g : new String[] {"gaussian-copula", "independent"}) {
          Path out = dir.resolve(g + "-" + csv.getFileName());
          CliRun r =
              run(
                  "generate",
                  "--fit",
                  csv.toString(),
                  "--generator",
                  g,
                  "--rows",
                  "500",
                  "--out",
                  out.toString(),
                  "--quiet");
          assertThat(r.code()).as(csv + " " + g + ": " + r.err()).isZero();
          assertThat(Csv.read(out).rowCount()).isEqualTo(500);
        }
      }
    }
  }

  @Test
  void userErrorsSayWhatToDo() {
    String credit = DATA.resolve("credit_g.csv").toString();
    String out = dir.resolve("x.csv").toString();

    CliRun unknown =
        run("generate", "--fit", credit, "--generator", "copula", "--rows", "5", "--out", out);
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("generator \"copula\"", "gaussian-copula", "independent");

    CliRun badNumber = run("generate", "--fit", credit, "--rows", "ten", "--out", out);
    assertThat(badNumber.code()).isEqualTo(2);
    assertThat(badNumber.err()).contains("--rows", "ten");

    CliRun noSource = run("generate", "--rows", "5", "--out", out);
    assertThat(noSource.code()).isEqualTo(2);
    assertThat(noSource.err()).contains("exactly one of --fit DATA.csv, --model FILE or --world");

    CliRun noRows = run("generate", "--fit", credit, "--out", out);
    assertThat(noRows.code()).isEqualTo(2);
    assertThat(noRows.err()).contains("--rows N with --out");

    CliRun noOut = run("generate", "--fit", credit, "--rows", "10");
    assertThat(noOut.code()).isEqualTo(2);
    assertThat(noOut.err()).contains("nothing to write", "add --out").doesNotContain("add --rows");

    CliRun badParam = run("generate", "--fit", credit, "-p", "nope=1", "--rows", "5", "--out", out);
    assertThat(badParam.code()).isEqualTo(2);
    assertThat(badParam.err()).contains("parameter", "nope", "--list");

    CliRun negative = run("generate", "--fit", credit, "--rows", "-1", "--out", out);
    assertThat(negative.code()).isEqualTo(2);

    CliRun list = run("generate", "--list");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains("gaussian-copula", "independent", "--world FILE.json")
        .doesNotContain("spec=");

    CliRun worldFit =
        run("generate", "--fit", credit, "--generator", "world", "--rows", "5", "--out", out);
    assertThat(worldFit.code()).isEqualTo(2);
    assertThat(worldFit.err()).contains("--world FILE.json");
  }

  @Test
  void everyGeneratorRefusesToFitFewerThanTwoRows() throws Exception {
    Path header = Files.writeString(dir.resolve("header.csv"), "x,c\n");
    Path one = Files.writeString(dir.resolve("one.csv"), "x,c\n1,a\n");
    Path out = dir.resolve("o.csv");
    for (String g : new String[] {"gaussian-copula", "independent", "vae", "gan"}) {
      for (Path sample : new Path[] {header, one}) {
        String[] args = {"generate", "--fit", sample.toString(), "--generator", g};
        String[] rest = {"--rows", "5", "--out", out.toString(), "--quiet"};
        CliRun r =
            g.equals("vae") || g.equals("gan")
                ? run(concat(concat(args, new String[] {"-p", "epochs=2"}), rest))
                : run(concat(args, rest));
        assertThat(r.code()).as(g + " " + sample + ": " + r.err()).isEqualTo(2);
        // a header alone is the error every command gives (CsvDialectsTest)
        assertThat(r.err())
            .startsWith(sample.toString())
            .contains(sample == header ? "a header and no rows" : "1 data row")
            .contains(sample == header ? "at least one data row" : "at least 2 data rows");
        assertThat(r.out()).doesNotContain("fitted");
        assertThat(out).doesNotExist();
      }
    }
  }

  @Test
  void badOutputPathsAreRefusedBeforeFittingAndNothingIsWritten() throws Exception {
    String iris = DATA.resolve("iris.csv").toString();
    Path folder = Files.createDirectory(dir.resolve("adir"));
    Path model = dir.resolve("m.json");
    Path missing = dir.resolve("nodir").resolve("g.csv");

    CliRun outFolder = run("generate", "--fit", iris, "--rows", "5", "--out", folder.toString());
    CliRun outEmpty = run("generate", "--fit", iris, "--rows", "5", "--out", "");
    CliRun modelFolder = run("generate", "--fit", iris, "--save-model", folder.toString());
    CliRun outMissing =
        run(
            "generate",
            "--fit",
            iris,
            "--save-model",
            model.toString(),
            "--rows",
            "5",
            "--out",
            missing.toString());

    for (CliRun r : new CliRun[] {outFolder, outEmpty, modelFolder, outMissing}) {
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.out()).as("nothing fitted").isEmpty();
      assertThat(r.err()).contains("expected:", "fix:").doesNotContain(".part", "Exception");
    }
    assertThat(outFolder.err()).startsWith("--out " + folder).contains("found:    a folder");
    assertThat(outEmpty.err()).startsWith("--out \"\"").contains("an empty path");
    assertThat(modelFolder.err()).startsWith("--save-model " + folder).contains("a folder");
    assertThat(outMissing.err())
        .startsWith("--out " + missing)
        .contains("no folder " + missing.getParent());
    assertThat(model).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("adir");
    }
    try (var files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void oneFileForBothOutAndSaveModelIsRefused() throws Exception {
    String iris = DATA.resolve("iris.csv").toString();
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path x = dir.resolve("x.csv");
    String[][] spellings = {
      {x.toString(), x.toString()},
      {x.toString(), sub.resolve("..").resolve("x.csv").toString()},
      {x.toString(), dir.resolve(".").resolve("x.csv").toString()}
    };
    for (String[] paths : spellings) {
      CliRun r =
          run(
              "generate",
              "--fit",
              iris,
              "--rows",
              "5",
              "--out",
              paths[0],
              "--save-model",
              paths[1]);
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains("the same file for both", "--save-model");
      assertThat(r.out()).isEmpty();
      assertThat(x).doesNotExist();
    }
    Path link = Files.createSymbolicLink(dir.resolve("link"), sub);
    CliRun viaLink =
        run(
            "generate",
            "--fit",
            iris,
            "--rows",
            "5",
            "--out",
            sub.resolve("y.csv").toString(),
            "--save-model",
            link.resolve("y.csv").toString());
    assertThat(viaLink.code()).as(viaLink.err()).isEqualTo(2);
    CliRun distinct =
        run(
            "generate",
            "--fit",
            iris,
            "--rows",
            "5",
            "--out",
            x.toString(),
            "--save-model",
            dir.resolve("x.json").toString(),
            "--quiet");
    assertThat(distinct.code()).as(distinct.err()).isZero();
  }

  @Test
  void optionsOfFittingAreRefusedWithASavedModelOrAWorld() throws Exception {
    Path model = dir.resolve("m.json");
    CliRun fitted =
        run("generate", "--fit", DATA.resolve("iris.csv").toString(), "--save-model", "" + model);
    assertThat(fitted.code()).as(fitted.err()).isZero();
    String world = Path.of("..", "..", "examples", "worlds", "customers.json").toString();
    String out = dir.resolve("o.csv").toString();

    CliRun generator =
        run("generate", "--model", "" + model, "--generator", "vae", "--rows", "5", "--out", out);
    CliRun categorical =
        run(
            "generate",
            "--model",
            "" + model,
            "--categorical",
            "species",
            "--rows",
            "5",
            "--out",
            out);
    CliRun worldGenerator =
        run("generate", "--world", world, "--generator", "gan", "--rows", "5", "--out", out);
    CliRun worldCategorical =
        run("generate", "--world", world, "--categorical", "plan", "--rows", "5", "--out", out);

    assertThat(generator.code()).as(generator.err()).isEqualTo(2);
    assertThat(generator.err())
        .startsWith("--generator \"vae\"")
        .contains("--generator only when fitting (--fit)", "the model file names its generator");
    assertThat(categorical.code()).as(categorical.err()).isEqualTo(2);
    assertThat(categorical.err())
        .startsWith("--categorical species")
        .contains("--categorical only when fitting (--fit)");
    assertThat(worldGenerator.code()).as(worldGenerator.err()).isEqualTo(2);
    assertThat(worldGenerator.err()).contains("with --world");
    assertThat(worldCategorical.code()).as(worldCategorical.err()).isEqualTo(2);
    assertThat(Path.of(out)).doesNotExist();
    CliRun plain = run("generate", "--model", "" + model, "--rows", "5", "--out", out, "--quiet");
    assertThat(plain.code()).as(plain.err()).isZero();
  }

  @Test
  void theBatchSizeIsCappedAndLargeBatchesAreFewerInFlight() {
    String iris = DATA.resolve("iris.csv").toString();
    Path out = dir.resolve("o.csv");
    CliRun huge =
        run(
            "generate",
            "--fit",
            iris,
            "--rows",
            "5",
            "--out",
            "" + out,
            "--batch-size",
            "2000000000");
    assertThat(huge.code()).as(huge.err()).isEqualTo(2);
    assertThat(huge.err()).startsWith("--batch-size 2000000000").contains("from 1 to 1000000");
    assertThat(huge.out()).isEmpty();
    CliRun max =
        run("generate", "--fit", iris, "--rows", "5", "--out", "" + out, "--batch-size", "1000000");
    assertThat(max.code()).as(max.err()).isZero();
    assertThat(run("generate", "--help").out()).contains("at most 1,000,000");
  }

  @Test
  void aRepeatedOrMalformedParameterIsRefused() {
    String iris = DATA.resolve("iris.csv").toString();
    String out = dir.resolve("o.csv").toString();

    CliRun twice =
        run(
            "generate",
            "--fit",
            iris,
            "-p",
            "constraints=range(petal_width_cm, 0, 1)",
            "--param",
            "constraints=range(petal_width_cm, 0, 2)",
            "--rows",
            "5",
            "--out",
            out);
    CliRun noEquals = run("generate", "--fit", iris, "-p", "epochs", "--rows", "5", "--out", out);

    assertThat(twice.code()).as(twice.err()).isEqualTo(2);
    assertThat(twice.err())
        .startsWith("--param \"constraints\"")
        .contains("the key given twice", "separated by ;");
    assertThat(twice.out()).isEmpty();
    assertThat(noEquals.code()).as(noEquals.err()).isEqualTo(2);
    assertThat(noEquals.err()).startsWith("--param \"epochs\"").contains("KEY=VALUE");
    assertThat(Path.of(out)).doesNotExist();
    CliRun once =
        run(
            "generate",
            "--fit",
            iris,
            "-p",
            "constraints=petal_width_cm <= petal_length_cm",
            "--rows",
            "5",
            "--out",
            out,
            "--quiet");
    assertThat(once.code()).as(once.err()).isZero();
    assertThat(once.out()).contains("petal_width_cm <= petal_length_cm");
  }

  @Test
  void whereWritesOnlyRowsOfTheLevelAndIsRefusedWhereItCannotWork() throws Exception {
    String telco = DATA.resolve("telco_churn.csv").toString();
    Path model = dir.resolve("vae.json");
    CliRun fit =
        run(
            "generate",
            "--fit",
            telco,
            "--generator",
            "vae",
            "-p",
            "epochs=2",
            "--save-model",
            model.toString(),
            "--quiet");
    assertThat(fit.code()).as(fit.err()).isZero();
    Path yes = dir.resolve("yes.csv");
    Path again = dir.resolve("again.csv");
    for (Path out : new Path[] {yes, again}) {
      CliRun r =
          run(
              "generate",
              "--model",
              model.toString(),
              "--rows",
              "120",
              "--batch-size",
              "50",
              "--threads",
              out == yes ? "1" : "3",
              "--where",
              "churn=Yes",
              "--out",
              out.toString(),
              "--quiet");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("where churn=Yes");
    }
    Table t = Csv.read(yes);
    assertThat(t.rowCount()).isEqualTo(120);
    assertThat(t.categorical("churn").levels()).containsExactly("Yes");
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(yes));

    String m = model.toString();
    String out = dir.resolve("x.csv").toString();
    CliRun level =
        run("generate", "--model", m, "--rows", "5", "--where", "churn=Maybe", "--out", out);
    assertThat(level.code()).isEqualTo(2);
    assertThat(level.err()).contains("[No, Yes]");
    CliRun numeric =
        run("generate", "--model", m, "--rows", "5", "--where", "tenure=3", "--out", out);
    assertThat(numeric.code()).isEqualTo(2);
    assertThat(numeric.err()).contains("a categorical column");
    CliRun copula =
        run("generate", "--fit", telco, "--rows", "5", "--where", "churn=Yes", "--out", out);
    assertThat(copula.code()).isEqualTo(2);
    assertThat(copula.err()).contains("cannot fix a column's level", "--generator vae");
    assertThat(copula.out()).as("refused before fitting").isEmpty();
    CliRun noEquals =
        run("generate", "--model", m, "--rows", "5", "--where", "churn", "--out", out);
    assertThat(noEquals.code()).isEqualTo(2);
    assertThat(noEquals.err()).contains("COLUMN=LEVEL");
    // a level that is not in the data is refused before training, and no model is saved
    Path unsaved = dir.resolve("unsaved.json");
    CliRun beforeTraining =
        run(
            "generate",
            "--fit",
            telco,
            "--generator",
            "vae",
            "--where",
            "churn=Maybe",
            "--save-model",
            unsaved.toString(),
            "--rows",
            "5",
            "--out",
            out);
    assertThat(beforeTraining.code()).isEqualTo(2);
    assertThat(beforeTraining.err()).contains("no level \"Maybe\"", "[No, Yes]");
    assertThat(beforeTraining.out()).doesNotContain("fitted");
    assertThat(unsaved).doesNotExist();
    CliRun resave =
        run(
            "generate",
            "--model",
            m,
            "--where",
            "churn=Maybe",
            "--save-model",
            unsaved.toString(),
            "--rows",
            "5",
            "--out",
            out);
    assertThat(resave.code()).isEqualTo(2);
    assertThat(unsaved).doesNotExist();
    CliRun noOut = run("generate", "--model", m, "--where", "churn=Yes", "--save-model", out);
    assertThat(noOut.code()).isEqualTo(2);
    assertThat(Path.of(out)).doesNotExist();
  }

  @Test
  void aSavedModelRecordsHowItWasFitted() throws Exception {
    String iris = DATA.resolve("iris.csv").toString();
    Path model = dir.resolve("m.json");
    CliRun r =
        run(
            "generate",
            "--fit",
            iris,
            "--generator",
            "independent",
            "--seed",
            "5",
            "--save-model",
            model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("(fitted with seed 5)");
    var fitted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.toFile());
    assertThat(fitted.get("fitted").get("seed").asLong()).isEqualTo(5);
    assertThat(fitted.get("fitted").get("rows").asInt()).isEqualTo(150);
    assertThat(fitted.get("fitted").get("data").asText()).isEqualTo(iris);
    Path out = dir.resolve("o.csv");
    CliRun again = run("generate", "--model", model.toString(), "--rows", "3", "--out", "" + out);
    assertThat(again.code()).as(again.err()).isZero();
  }

  @Test
  void theReadmesExampleWorldGenerates() throws Exception {
    Path out = dir.resolve("customers.csv");
    String spec = Path.of("..", "..", "examples", "worlds", "customers.json").toString();
    CliRun r = run("generate", "--world", spec, "--rows", "2000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Csv.read(out).schema().names())
        .containsExactly("age", "income", "region", "plan", "churn", "churn_true");
  }

  @Test
  void aWorldSpecGeneratesLabelledRows() throws Exception {
    Path spec = Path.of("..", "..", "generators", "src", "test", "resources", "world.json");
    Path out = dir.resolve("world.csv");
    CliRun r =
        run(
            "generate",
            "--world",
            spec.toString(),
            "--rows",
            "3000",
            "--seed",
            "4",
            "--out",
            out.toString(),
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    Table t = Csv.read(out);
    assertThat(t.rowCount()).isEqualTo(3000);
    assertThat(t.schema().names()).contains("age", "plan", "churn", "churn_true");

    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"columns\": []}");
    CliRun e = run("generate", "--world", bad.toString(), "--rows", "3", "--out", out.toString());
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.err()).contains("bad.json", "at least one column");

    Path notPd =
        Files.writeString(
            dir.resolve("notpd.json"),
            "{\"columns\": ["
                + normal("a")
                + ","
                + normal("b")
                + ","
                + normal("c")
                + "], \"correlations\": [{\"a\": \"a\", \"b\": \"b\", \"r\": 0.9}, {\"a\": \"b\", \"b\": \"c\", \"r\": 0.9}, {\"a\": \"a\", \"b\": \"c\", \"r\": -0.9}]}");
    CliRun pd =
        run("generate", "--world", notPd.toString(), "--rows", "3", "--out", out.toString());
    assertThat(pd.code()).as(pd.err()).isEqualTo(2);
    assertThat(pd.err()).contains("notpd.json", "not positive definite");

    Path model =
        Files.writeString(
            dir.resolve("damaged.json"),
            "{\"format\": \"gauntlet-generator\", \"version\": 1, \"generator\": \"gaussian-copula\", \"schema\": [], \"state\": {\"columns\": 3}}");
    CliRun damaged =
        run("generate", "--model", model.toString(), "--rows", "3", "--out", out.toString());
    assertThat(damaged.code()).as(damaged.err()).isEqualTo(2);
    assertThat(damaged.err()).contains("damaged.json (state)", "refit the model");
  }

  @Test
  void constraintsArePassedAsAParameterAndReported() throws Exception {
    Path out = dir.resolve("constrained.csv");
    CliRun r =
        run(
            "generate",
            "--fit",
            DATA.resolve("telco_churn.csv").toString(),
            "-p",
            "constraints=monthly_charges <= total_charges; range(tenure, 0, 12)",
            "--rows",
            "2000",
            "--out",
            out.toString(),
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "constraints [monthly_charges <= total_charges, range(tenure, 0.0, 12.0)]", "rejected");
    Table t = Csv.read(out);
    for (int row = 0; row < t.rowCount(); row++) {
      assertThat(t.numeric("tenure").get(row)).isBetween(0.0, 12.0);
    }

    CliRun bad =
        run(
            "generate",
            "--fit",
            DATA.resolve("telco_churn.csv").toString(),
            "-p",
            "constraints=range(tenurre, 0, 1)",
            "--rows",
            "5",
            "--out",
            out.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .contains("constraint \"range(tenurre, 0, 1)\"", "no column \"tenurre\"", "tenure");
  }

  private static String normal(String name) {
    return "{\"kind\": \"numeric\", \"name\": \""
        + name
        + "\", \"distribution\": {\"family\": \"normal\", \"mean\": 0, \"sd\": 1}}";
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
