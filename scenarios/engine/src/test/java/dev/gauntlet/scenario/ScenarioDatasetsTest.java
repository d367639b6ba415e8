package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.scenario.internal.Engine;
import dev.gauntlet.scenario.report.ReportFiles;
import dev.gauntlet.scenario.report.RunInfo;
import dev.gauntlet.scenario.spec.BootstrapSpec;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.OutputSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.VariantSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code output.datasets}, {@code gauntlet generate --scenario}'s library call, {@code data.rows}.
 */
class ScenarioDatasetsTest {
  static final Path DATA = Path.of("../../examples/data");

  @TempDir Path tmp;

  /** A small scenario with a variant of every category; no bootstrap, to stay fast. */
  static ScenarioSpec.Builder credit() {
    return ScenarioSpec.builder()
        .name("credit-datasets")
        .seed(5)
        .data(DataSpec.csv("credit_g.csv", "class"))
        .metrics("accuracy")
        .bootstrap(BootstrapSpec.of(0))
        .variant(
            VariantSpec.of("older", "covariate-shift")
                .withParam("column", "age")
                .withSeverities(0, 0.5, 1))
        .variant(VariantSpec.of("flips", "label-flip").withSeverities(0, 0.25))
        .variant(VariantSpec.of("leak", "label-leak").withSeverities(1))
        .variant(VariantSpec.of("copies", "copy-test-rows").withSeverities(0.5))
        .variant(
            VariantSpec.of("copula", "synthetic").withParam("rows", "400").withSeverities(0, 1));
  }

  /** credit_g with accuracy and balanced accuracy, no bootstrap and no variant yet. */
  static ScenarioSpec.Builder plain() {
    return ScenarioSpec.builder()
        .seed(5)
        .data(DataSpec.csv("credit_g.csv", "class"))
        .metrics("accuracy", "balanced_accuracy")
        .bootstrap(BootstrapSpec.of(0));
  }

  static final List<String> FILES =
      List.of(
          "data.csv",
          "train.csv",
          "test.csv",
          "older/0.5/test.csv",
          "older/1/test.csv",
          "flips/0.25/train.csv",
          "leak/1/train.csv",
          "leak/1/test.csv",
          "copies/0.5/train.csv",
          "copula/synthetic.csv");

  private static ScenarioResult run(ScenarioSpec spec, int threads) {
    return ScenarioRunner.withDefaults().withThreads(threads).run(spec, DATA);
  }

  /** Every file under a folder, by relative path, with its bytes as text. */
  private static Map<String, String> tree(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    return out;
  }

  @Test
  void aRunWritesItsDatasetsListedInTheManifestAndTheSameBytesAtOneAndTwoThreads()
      throws IOException {
    ScenarioSpec spec = credit().output(new OutputSpec(null, true)).build();
    ScenarioResult one = run(spec, 1);
    ScenarioResult two = run(spec, 2);
    assertThat(one.datasets().paths()).containsExactlyElementsOf(FILES);
    Path outOne = tmp.resolve("one");
    Path outTwo = tmp.resolve("two");
    ReportFiles.write(one, new RunInfo("x", null, 1), outOne, List.of());
    ReportFiles.write(two, new RunInfo("x", null, 2), outTwo, List.of());
    Map<String, String> filesOne = tree(outOne.resolve("datasets"));
    assertThat(filesOne.keySet()).containsExactlyInAnyOrderElementsOf(FILES);
    assertThat(tree(outTwo.resolve("datasets"))).isEqualTo(filesOne);
    // nothing left behind by the folder swap
    try (Stream<Path> top = Files.list(outOne)) {
      assertThat(top.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "datasets", "report.json", "junit.xml", "manifest.json", "report.html");
    }

    JsonNode manifest = new ObjectMapper().readTree(outOne.resolve("manifest.json").toFile());
    List<String> listed = new ArrayList<>();
    for (Iterator<String> it = manifest.get("datasets").fieldNames(); it.hasNext(); ) {
      String path = it.next();
      listed.add(path);
      assertThat(manifest.get("datasets").get(path).asText())
          .as(path)
          .isEqualTo(Engine.sha256(outOne.resolve(path)));
    }
    assertThat(listed).containsExactlyElementsOf(FILES.stream().map(f -> "datasets/" + f).toList());

    // the files are the run's tables: the split, and changed rows where the variant changes them
    Table train = Csv.read(outOne.resolve("datasets/train.csv"));
    Table test = Csv.read(outOne.resolve("datasets/test.csv"));
    assertThat(train.rowCount()).isEqualTo(one.trainRows());
    assertThat(test.rowCount()).isEqualTo(one.testRows());
    assertThat(Csv.read(outOne.resolve("datasets/data.csv")).rowCount()).isEqualTo(1000);
    assertThat(filesOne.get("older/1/test.csv")).isNotEqualTo(filesOne.get("test.csv"));
    assertThat(filesOne.get("flips/0.25/train.csv")).isNotEqualTo(filesOne.get("train.csv"));
    assertThat(Csv.read(outOne.resolve("datasets/copula/synthetic.csv")).rowCount()).isEqualTo(400);
    // copy-test-rows at 0.5 adds half of the test rows to the training rows
    assertThat(Csv.read(outOne.resolve("datasets/copies/0.5/train.csv")).rowCount())
        .isEqualTo(one.trainRows() + Math.round(0.5 * one.testRows()));
    // label-leak's training rows gain a column that its test rows also have
    Table leakTrain = Csv.read(outOne.resolve("datasets/leak/1/train.csv"));
    assertThat(leakTrain.columnCount()).isEqualTo(train.columnCount() + 1);
    assertThat(Csv.read(outOne.resolve("datasets/leak/1/test.csv")).schema().names())
        .isEqualTo(leakTrain.schema().names());
  }

  @Test
  void labelLeakRunsAndItsTestRowsCarryNoLeak() {
    // Failed before: severity 0 of label-leak adds no column, and the engine drew the test rows'
    // column at severity 0, so the refitted model met test rows without its leak column.
    ScenarioResult r =
        run(plain().variant(VariantSpec.of("leak", "label-leak").withSeverities(0, 1)).build(), 1);
    // The model leans on a feature that is the label in training and noise at test time: it
    // loses far more than the 300 test rows' sampling error (about 0.03) on the clean rows.
    assertThat(r.place("leak", 1).orElseThrow().drops().get("accuracy").value()).isGreaterThan(0.1);
  }

  @Test
  void aRefitWhoseTrainingRowsLostAClassIsMeasuredNotRefused() {
    // Failed before: every "bad" label flipped to "good" leaves a model of one class, and the
    // clean test rows' "bad" rows were refused as a class "the model does not predict".
    ScenarioResult r =
        run(
            plain()
                .variant(
                    VariantSpec.of("all-good", "label-flip")
                        .withParam("from", "bad")
                        .withParam("to", "good")
                        .withParam("rate", "1")
                        .withSeverities(0, 1))
                .build(),
            1);
    // the one-class model calls every test row good: accuracy is the share of good rows (210 of
    // 300), and balanced accuracy that of a constant guess
    assertThat(r.measured("accuracy", "all-good", 1).orElseThrow().value()).isEqualTo(0.7);
    assertThat(r.measured("balanced_accuracy", "all-good", 1).orElseThrow().value()).isEqualTo(0.5);
  }

  @Test
  void withoutDatasetsARunKeepsNoTablesAndWritesNoFolder() {
    ScenarioResult r = run(credit().build(), 1);
    assertThat(r.datasets().isEmpty()).isTrue();
    ReportFiles.write(r, new RunInfo("x", null, 1), tmp, List.of());
    assertThat(tmp.resolve("datasets")).doesNotExist();
  }

  @Test
  void generateMakesTheFilesARunWritesWithoutTheModelAndSaysWhatItSkipped() throws IOException {
    ScenarioSpec spec =
        credit()
            .variant(VariantSpec.of("attack", "score-based").withSeverities(0, 1))
            .variant(VariantSpec.of("boundary", "near-boundary-flip").withSeverities(1))
            .output(new OutputSpec(null, true))
            .build();
    GeneratedDatasets made = ScenarioRunner.withDefaults().withThreads(2).generate(spec, DATA);
    assertThat(made.paths()).containsExactlyElementsOf(FILES);
    assertThat(made.skipped()).containsOnlyKeys("attack", "boundary");
    assertThat(made.skipped().get("attack")).contains("need the model");
    made.write(tmp.resolve("generated"));
    ReportFiles.write(run(spec, 1), new RunInfo("x", null, 1), tmp.resolve("run"), List.of());
    Map<String, String> ran = tree(tmp.resolve("run/datasets"));
    // the run also flips labels near its model's boundary; the rest is byte for byte the same
    assertThat(ran.keySet()).contains("boundary/1/train.csv");
    ran.remove("boundary/1/train.csv");
    assertThat(tree(tmp.resolve("generated/datasets"))).isEqualTo(ran);
  }

  @Test
  void generateRefusesABadScenarioBeforeReadingData() {
    ScenarioSpec spec =
        credit().variant(VariantSpec.of("typo", "covariate-shfit").withSeverities(1)).build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().withSource("c.yaml").generate(spec, tmp))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("c.yaml (variants[5].kind)")
        .hasMessageContaining("did you mean covariate-shift?");
  }

  @Test
  void aFailedWriteKeepsTheEarlierDatasetsAndLeavesNoPartialFolder() throws IOException {
    Table t = Table.builder().numeric("x", 1, 2).categorical("y", "a", "b").build();
    new GeneratedDatasets(Map.of("train.csv", t), Map.of()).write(tmp);
    String before = Files.readString(tmp.resolve("datasets/train.csv"));
    // "a.csv" is a file, so "a.csv/b.csv" cannot be made: the write fails after one file
    Map<String, Table> clash = new java.util.LinkedHashMap<>();
    clash.put("a.csv", t.slice(0, 1));
    clash.put("a.csv/b.csv", t);
    GeneratedDatasets bad = new GeneratedDatasets(clash, Map.of());
    assertThatThrownBy(() -> bad.write(tmp))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("cannot write");
    assertThat(tree(tmp)).containsOnlyKeys("datasets/train.csv");
    assertThat(Files.readString(tmp.resolve("datasets/train.csv"))).isEqualTo(before);
  }

  @Test
  void csvRowsIsASeededSampleThatKeepsTheClassShares() {
    ScenarioSpec spec = credit().data(DataSpec.csv("credit_g.csv", "class").withRows(300)).build();
    GeneratedDatasets a = ScenarioRunner.withDefaults().generate(spec, DATA);
    Table rows = a.get("data.csv");
    assertThat(rows.rowCount()).isEqualTo(300);
    // credit_g has 700 good and 300 bad rows: 30 % of 300 is exactly 90
    long bad = countOf(rows, "bad");
    assertThat(bad).isEqualTo(90);
    assertThat(a.get("train.csv").rowCount() + a.get("test.csv").rowCount()).isEqualTo(300);
    assertThat(ScenarioRunner.withDefaults().generate(spec, DATA).get("data.csv")).isEqualTo(rows);
    assertThat(ScenarioRunner.withDefaults().generate(spec.withSeed(6), DATA).get("data.csv"))
        .isNotEqualTo(rows);
  }

  @Test
  void moreCsvRowsThanTheFileHasIsAUserError() {
    ScenarioSpec spec = credit().data(DataSpec.csv("credit_g.csv", "class").withRows(1001)).build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().withSource("c.yaml").run(spec, DATA))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("c.yaml (data.rows)")
        .hasMessageContaining("1001 rows asked of a CSV with 1000");
  }

  @Test
  void aSyntheticVariantDrawsMoreRowsThanItTrainsOnAndAddsRowsOfOneClass() {
    ScenarioSpec spec =
        plain()
            .variant(
                VariantSpec.of("many", "synthetic").withParam("rows", "3000").withSeverities(0, 1))
            .variant(
                VariantSpec.of("more-bad", "synthetic")
                    .withParam("rows", "3000")
                    .withParam("add-class", "bad")
                    .withSeverities(0, 0.5, 1))
            .build();
    ScenarioResult r = run(spec, 2);
    VariantResult many = r.variant("many").orElseThrow();
    assertThat(many.synthetic().syntheticRows()).isEqualTo(3000);
    // severity 1 trains on as many synthetic rows as there are training rows, not 3,000
    assertThat(r.place("many", 1).orElseThrow().details())
        .containsEntry("synthetic_rows", (double) r.trainRows());
    // 490 good and 210 bad training rows: severity 1 adds 280 synthetic bad rows, 0.5 adds 140
    assertThat(r.place("more-bad", 1).orElseThrow().details())
        .containsEntry("synthetic_rows", 280.0);
    assertThat(r.place("more-bad", 0.5).orElseThrow().details())
        .containsEntry("synthetic_rows", 140.0);
    assertThat(r.place("more-bad", 0).orElseThrow().details()).containsEntry("synthetic_rows", 0.0);
    // balancing the classes moves the decisions: balanced accuracy changes at severity 1
    assertThat(r.measured("balanced_accuracy", "more-bad", 1).orElseThrow().value())
        .isNotEqualTo(r.clean("balanced_accuracy").orElseThrow().value());
  }

  @Test
  void addClassMustBeAClassOfTheLabelAndSaysToQuoteAYamlBoolean() {
    ScenarioSpec spec =
        credit()
            .variant(
                VariantSpec.of("yes", "synthetic").withParam("add-class", "true").withSeverities(1))
            .build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().withSource("c.yaml").run(spec, DATA))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("c.yaml (variants[5].params.add-class)")
        .hasMessageContaining("one of the label's classes [bad, good]")
        .hasMessageContaining("quote the class");
  }

  @Test
  void syntheticRowsMustBeAWholeNumberAndIsCheckedBeforeAnythingRuns() {
    ScenarioSpec spec =
        credit()
            .variant(
                VariantSpec.of("many", "synthetic").withParam("rows", "lots").withSeverities(1))
            .build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().withSource("c.yaml").validate(spec))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("c.yaml (variants[5].params.rows)")
        .hasMessageContaining("a whole number of rows");
  }

  private static long countOf(Table t, String level) {
    var c = t.categorical("class");
    long n = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      n += level.equals(c.level(r)) ? 1 : 0;
    }
    return n;
  }

  @Test
  void syntheticVariantsMeasureUtilityOnTheTestRowsTheGeneratorNeverSaw() throws IOException {
    // Failed before: each synthetic variant split the training rows again (seeded by its name)
    // and tested TSTR on rows its generator had been fitted on, so the TRTR baseline differed
    // between the variants of one scenario and TSTR was measured on seen rows.
    ScenarioSpec spec =
        plain()
            .variant(
                VariantSpec.of("copula", "synthetic").withParam("rows", "400").withSeverities(0))
            .variant(
                VariantSpec.of("independent", "synthetic")
                    .withParam("generator", "independent")
                    .withParam("rows", "400")
                    .withSeverities(0))
            .output(new OutputSpec(null, true))
            .build();
    ScenarioResult r = run(spec, 1);
    ReportFiles.write(r, new RunInfo("x", null, 1), tmp, List.of());
    Table train = Csv.read(tmp.resolve("datasets/train.csv"));
    Table test = Csv.read(tmp.resolve("datasets/test.csv"));
    double trtr =
        CrossValidation.accuracy(LogisticRegression.trainer("class").fit(train), test, "class");
    assertThat(r.measured("trtr_accuracy", "copula", 0).orElseThrow().value()).isEqualTo(trtr);
    assertThat(r.measured("trtr_accuracy", "independent", 0).orElseThrow().value()).isEqualTo(trtr);
    // TSTR too is measured on the test rows
    double tstr =
        CrossValidation.accuracy(
            LogisticRegression.trainer("class")
                .fit(Csv.read(tmp.resolve("datasets/copula/synthetic.csv"))),
            test,
            "class");
    assertThat(r.measured("tstr_accuracy", "copula", 0).orElseThrow().value()).isEqualTo(tstr);
  }
}
