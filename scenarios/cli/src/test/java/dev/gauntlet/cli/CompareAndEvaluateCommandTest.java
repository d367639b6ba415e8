package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareAndEvaluateCommandTest {
  private static final Path DATA = Path.of("..", "..", "examples", "data");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void compareOfAFileWithItselfHasNoDriftAndOnlyCopies() throws IOException {
    String iris = DATA.resolve("iris.csv").toString();
    CliRun r = run("compare", iris, iris, "--label", "species", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("columns").get("species").get("type").asText()).isEqualTo("categorical");
    assertThat(root.get("columns").get("petal_width_cm").get("ks_statistic").asDouble()).isZero();
    assertThat(root.get("quality_score").asDouble()).isEqualTo(1.0);
    assertThat(root.get("drift").get("dataset_drift").asBoolean()).isFalse();
    assertThat(root.get("drift").get("columns").get("sepal_length_cm").get("test").asText())
        .isEqualTo("ks");
    assertThat(root.get("exact_copy_rate").asDouble()).isEqualTo(1.0);
    assertThat(root.get("subsample").get("rows_real").asInt()).isEqualTo(150);
    assertThat(root.get("subsample").get("max_rows").asInt()).isEqualTo(5000);
    assertThat(root.get("details").get("seed").asLong()).isZero();
    JsonNode utility = root.get("details").get("utility");
    assertThat(utility.get("holdout_rows").asInt()).isEqualTo(45);
    assertThat(root.get("utility_ratio").asDouble()).isEqualTo(1.0);
  }

  @Test
  void compareTextOutputNamesTheSubsample() {
    String credit = DATA.resolve("credit_g.csv").toString();
    CliRun r = run("compare", credit, credit, "--max-rows", "200");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "privacy (on 200 real x 200 synthetic rows, subsample of at most 200 a side, seed 0)")
        .contains("quality score");
  }

  @Test
  void aNumericDriftTestOnMixedColumnsLeavesCategoricalOnesTheirDefault() throws IOException {
    String credit = DATA.resolve("credit_g.csv").toString();
    CliRun r = run("compare", credit, credit, "--drift-test", "wasserstein", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode drift = JSON.readTree(r.out()).get("drift").get("columns");
    assertThat(drift.get("duration").get("test").asText()).isEqualTo("wasserstein");
    assertThat(drift.get("checking_status").get("test").asText()).isEqualTo("chisquare");
  }

  @Test
  void aColumnNumericInOneFileOnlyIsComparedAsCategorical() throws IOException {
    Path a = write("a.csv", "x,y\n1,2\n2,3\n");
    Path b = write("b.csv", "x,y\none,2\n2,4\n");
    JsonNode root = JSON.readTree(run("compare", a.toString(), b.toString(), "--json").out());
    assertThat(root.get("columns").get("x").get("type").asText()).isEqualTo("categorical");
    assertThat(root.get("columns").get("y").get("type").asText()).isEqualTo("numeric");
  }

  @Test
  void aDateColumnIsLabelledDatetimeNotNumeric() throws IOException {
    Path a = write("a.csv", "day,y\n2024-01-01,2\n2024-01-02,3\n2024-01-05,4\n");
    Path b = write("b.csv", "day,y\n2024-01-01,2\n2024-01-03,3\n2024-01-04,5\n");
    CliRun json = run("compare", a.toString(), b.toString(), "--json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode columns = JSON.readTree(json.out()).get("columns");
    assertThat(columns.get("day").get("type").asText()).isEqualTo("datetime");
    assertThat(columns.get("y").get("type").asText()).isEqualTo("numeric");
    CliRun text = run("compare", a.toString(), b.toString());
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).containsPattern("(?m)^day\\s+datetime\\s+KS ");
    // date-times are compared in epoch seconds: the text says so, and gives days from a day on
    // (|1-1| + |2-3| + |5-4| = 2 days over 3 rows = 57,600 s; shifted by 3 days, 259,200 s)
    assertThat(columns.get("day").get("wasserstein").asDouble()).isEqualTo(57_600.0);
    assertThat(text.out()).contains("Wasserstein 57600 s, PSI");
    Path later = write("later.csv", "day,y\n2024-01-04,2\n2024-01-05,3\n2024-01-08,4\n");
    assertThat(run("compare", a.toString(), later.toString()).out())
        .contains("Wasserstein 259200 s (3 days), PSI");
  }

  @Test
  void holdoutAddsOverfittingProtection() throws IOException {
    Path train = write("train.csv", "x,c\n1,a\n2,b\n3,a\n4,b\n");
    Path hold = write("hold.csv", "x,c\n1.5,b\n2.5,a\n3.5,b\n4.5,a\n");
    CliRun r =
        run("compare", train.toString(), train.toString(), "--holdout", hold.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    JsonNode o = root.get("details").get("dcr_overfitting");
    assertThat(o.get("closer_to_training").asDouble()).isEqualTo(1.0);
    assertThat(root.get("dcr_overfitting_protection").asDouble()).isZero();
    Path other = write("other.csv", "x,d\n1,a\n");
    CliRun bad = run("compare", train.toString(), train.toString(), "--holdout", other.toString());
    assertThat(bad.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(bad.err()).contains("only in the first: [c]; only in the second: [d]");
  }

  @Test
  void compareUserErrors() throws IOException {
    Path a = write("a.csv", "x,y\n1,2\n2,3\n");
    Path b = write("b.csv", "x,z\n1,2\n2,3\n");
    CliRun columns = run("compare", a.toString(), b.toString());
    assertThat(columns.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(columns.err()).contains("only in the first: [y]").contains("--exclude");
    CliRun excluded = run("compare", a.toString(), b.toString(), "--exclude", "y,z", "--json");
    assertThat(excluded.code()).as(excluded.err()).isZero();
    CliRun label = run("compare", a.toString(), a.toString(), "--label", "q");
    assertThat(label.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(label.err()).startsWith("--label \"q\"");
    CliRun test = run("compare", a.toString(), a.toString(), "--drift-test", "kss");
    assertThat(test.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(test.err()).contains("[ks, chisquare, wasserstein, jensenshannon]");
  }

  @Test
  void compareRefusesFilesWithFewerThanTwoRows() throws IOException {
    Path two = write("two.csv", "x,y\n1,a\n2,b\n");
    Path one = write("one.csv", "x,y\n1,a\n");
    Path header = write("header.csv", "x,y\n");
    assertThat(run("compare", two.toString(), two.toString()).code()).isZero();
    CliRun oneRow = run("compare", two.toString(), one.toString());
    assertThat(oneRow.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(oneRow.err())
        .startsWith(one.toString())
        .contains("found:    1 data row")
        .contains("expected: at least 2 data rows");
    CliRun headerOnly = run("compare", header.toString(), two.toString());
    assertThat(headerOnly.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(headerOnly.err()).startsWith(header.toString()).contains("a header and no rows");
    CliRun holdout = run("compare", two.toString(), two.toString(), "--holdout", one.toString());
    assertThat(holdout.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(holdout.err()).startsWith(one.toString());
    assertThat(oneRow.out() + headerOnly.out() + holdout.out()).isEmpty();
  }

  @Test
  void compareRefusesToExcludeEveryColumnOrTheLabel() throws IOException {
    Path a = write("a.csv", "x,y\n1,a\n2,b\n");
    CliRun all = run("compare", a.toString(), a.toString(), "--exclude", "x,y");
    assertThat(all.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(all.err()).startsWith("--exclude x,y").contains("every column excluded");
    assertThat(all.out()).isEmpty();
    CliRun label = run("compare", a.toString(), a.toString(), "--exclude", "y", "--label", "y");
    assertThat(label.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(label.err())
        .startsWith("--label \"y\"")
        .contains("--exclude leaves out")
        .doesNotContain("no column of that name");
  }

  @Test
  void anInfiniteNumberIsAUserErrorNamingTheLineAndColumn() throws IOException {
    Path a = write("a.csv", "x,y\n1,2\n2,3\n3,4\n");
    Path b = write("b.csv", "x,y\n1,2\n1e999,3\n3,4\n");
    CliRun r = run("compare", a.toString(), b.toString());
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err())
        .startsWith(b + ":3 (column \"x\")")
        .contains("found:    \"1e999\"")
        .contains("expected: a finite number")
        .contains("--categorical x")
        .doesNotContain("Exception");
    CliRun categorical = run("compare", a.toString(), b.toString(), "--categorical", "x");
    assertThat(categorical.code()).as(categorical.err()).isZero();
  }

  @Test
  void evaluateBinaryPredictions() throws IOException {
    Path p =
        write("p.csv", "y_true,p_no,p_yes\nyes,0.2,0.8\nno,0.7,0.3\nyes,0.6,0.4\nno,0.9,0.1\n");
    CliRun r = run("evaluate", "--predictions", p.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("positive_class").asText()).isEqualTo("yes");
    assertThat(root.get("accuracy").asDouble()).isEqualTo(0.75);
    assertThat(root.get("roc_auc").asDouble()).isEqualTo(1.0);
    assertThat(root.get("confusion_matrix").toString()).isEqualTo("[[2,0],[1,1]]");
    CliRun text = run("evaluate", "--predictions", p.toString());
    assertThat(text.out()).contains("accuracy").contains("confusion matrix");
  }

  @Test
  void featureColumnsInThePredictionsGiveSlicesAndWeakSegments() throws IOException {
    StringBuilder csv = new StringBuilder("y_true,p_no,p_yes,colour,size\n");
    for (int i = 0; i < 100; i++) {
      String colour = i % 4 == 0 ? "red" : "blue";
      // right on blue rows, wrong on red ones
      String truth = colour.equals("red") ? "no" : "yes";
      csv.append(truth).append(",0.2,0.8,").append(colour).append(',').append(i).append('\n');
    }
    JsonNode root =
        JSON.readTree(
            run("evaluate", "--predictions", write("p.csv", csv.toString()).toString(), "--json")
                .out());
    assertThat(root.get("accuracy").asDouble()).isEqualTo(0.75);
    assertThat(root.get("worst_slice").get("slice").asText()).isEqualTo("colour = red");
    assertThat(root.get("worst_slice").get("accuracy").asDouble()).isZero();
    assertThat(root.get("weak_segments").get(0).get("segment").asText()).isEqualTo("colour = red");
    assertThat(root.get("weak_segments").get(0).get("lift").asDouble()).isEqualTo(4.0);
  }

  @Test
  void evaluateUserErrors() throws IOException {
    Path unknownClass = write("u.csv", "y_true,p_a,p_b\na,0.5,0.5\nc,0.1,0.9\n");
    CliRun r = run("evaluate", "--predictions", unknownClass.toString());
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err()).startsWith(unknownClass + ":3 (column y_true)").contains("\"c\"");

    Path badProbability = write("b.csv", "y_true,p_a,p_b\na,1.5,0.5\n");
    CliRun bad = run("evaluate", "--predictions", badProbability.toString());
    assertThat(bad.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(bad.err()).contains("a probability within [0, 1]").contains("1.5");

    Path noTruth = write("n.csv", "label,p_a,p_b\na,0.5,0.5\n");
    assertThat(run("evaluate", "--predictions", noTruth.toString()).err())
        .contains("a column named y_true");

    Path text = write("t.csv", "y_true,p_a,p_b\na,high,0.5\n");
    CliRun notNumber = run("evaluate", "--predictions", text.toString());
    assertThat(notNumber.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(notNumber.err()).contains(":2 (column \"p_a\")").contains("\"high\"");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
