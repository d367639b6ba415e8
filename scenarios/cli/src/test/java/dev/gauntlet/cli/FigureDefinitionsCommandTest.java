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

  @Test
  void driftOfAColumnWithoutValuesIsUndeterminedNotNotDrifted() throws IOException {
    Path a = write("a.csv", "x,y\n1,\n2,\n3,\n4,\n5,\n6,\n");
    Path b = write("b.csv", "x,y\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n");
    CliRun r = CliRun.of("compare", a.toString(), b.toString(), "--json", "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode y = JSON.readTree(r.out()).get("drift").get("columns").get("y");
    assertThat(y.get("verdict").asText()).isEqualTo("undetermined");
    assertThat(y.get("drifted").isNull()).isTrue();
    assertThat(y.get("reason").asText()).contains("no value in the reference table");
    assertThat(JSON.readTree(r.out()).get("drift").get("undetermined_columns").asInt())
        .isEqualTo(1);

    CliRun text = CliRun.of("compare", a.toString(), b.toString(), "--quiet");
    assertThat(text.out())
        .contains("1 of 2 columns undetermined")
        .containsPattern("y +chisquare\\* .*: undetermined, no value in the reference table");
  }

  @Test
  void driftReportsStatisticAndPValueUnderTheirOwnNames() throws IOException {
    StringBuilder a = new StringBuilder("x,k\n");
    StringBuilder b = new StringBuilder("x,k\n");
    for (int i = 0; i < 200; i++) {
      a.append(i).append(',').append(i % 2).append('\n');
      b.append(i + 100).append(",0\n");
    }
    Path ref = write("a.csv", a.toString());
    Path cur = write("b.csv", b.toString());
    // the p-value was printed as "statistic": near 0, which read as no drift
    JsonNode ks =
        JSON.readTree(
                CliRun.of("compare", ref.toString(), cur.toString(), "--json", "--drift-test", "ks")
                    .out())
            .get("drift")
            .get("columns")
            .get("x");
    assertThat(ks.get("test").asText()).isEqualTo("ks");
    // the empirical CDFs of 0..199 and 100..299 are 0.5 apart from 99 to 199
    assertThat(ks.get("statistic").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(ks.get("p_value").asDouble()).isLessThan(1e-10);
    assertThat(ks.get("threshold_on").asText()).isEqualTo("p_value");
    assertThat(ks.get("verdict").asText()).isEqualTo("drifted");

    JsonNode chi =
        JSON.readTree(
                CliRun.of(
                        "compare",
                        ref.toString(),
                        cur.toString(),
                        "--json",
                        "--drift-test",
                        "chisquare")
                    .out())
            .get("drift")
            .get("columns")
            .get("k");
    assertThat(chi.get("test").asText()).isEqualTo("chisquare");
    // 200 zeros against expected 100 zeros and 100 ones: (100^2 + 100^2) / 100
    assertThat(chi.get("statistic").asDouble()).isCloseTo(200, within(1e-9));
    assertThat(chi.get("p_value").asDouble()).isLessThan(1e-40);
    assertThat(chi.get("verdict").asText()).isEqualTo("drifted");

    CliRun text = CliRun.of("compare", ref.toString(), cur.toString(), "--quiet");
    assertThat(text.out())
        .containsPattern("x +ks\\* +statistic 0.5, p [0-9.e-]+ \\(drift at p < 0.05\\)");
  }

  @Test
  void driftSaysWhichTestEachColumnTookAndWhatBonferroniChanged() throws IOException {
    // more than 1000 reference rows: Evidently's defaults are distances (Wasserstein, JS)
    StringBuilder csv = new StringBuilder("x,c\n");
    for (int i = 0; i < 1200; i++) {
      csv.append(i).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
    }
    Path big = write("big.csv", csv.toString());
    CliRun ks = CliRun.of("compare", big.toString(), big.toString(), "--drift-test", "ks");
    assertThat(ks.code()).as(ks.err()).isZero();
    assertThat(ks.out())
        .containsPattern("\\n  x +ks  ")
        .containsPattern("\\n  c +jensenshannon\\* ")
        .contains("--drift-test ks applies to numeric columns; categorical [c] kept the default");

    CliRun bonferroni = CliRun.of("compare", big.toString(), big.toString(), "--bonferroni");
    assertThat(bonferroni.out())
        .contains("--bonferroni changed nothing: every column was tested by a distance");
    JsonNode json =
        JSON.readTree(
            CliRun.of("compare", big.toString(), big.toString(), "--bonferroni", "--json").out());
    assertThat(json.get("drift").get("bonferroni").get("applies_to_columns")).isEmpty();
    assertThat(json.get("drift").get("columns").get("c").get("test_chosen_by").asText())
        .isEqualTo("default");
  }

  @Test
  void aFileComparedWithItselfUnderMaxRowsIsComparedRowForRow() throws IOException {
    // 1000 rows under --max-rows 200: independent draws gave "exact copies 1" beside DCR > 0
    String credit = Path.of("..", "..", "examples", "data", "credit_g.csv").toString();
    CliRun r = CliRun.of("compare", credit, credit, "--max-rows", "200", "--json", "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("exact_copy_rate").asDouble()).isEqualTo(1.0);
    assertThat(root.get("details").get("exact_copy_share_compared").asDouble()).isEqualTo(1.0);
    assertThat(root.get("dcr_median").asDouble()).isZero();
    assertThat(root.get("prdc_precision").asDouble()).isEqualTo(1.0);
    assertThat(root.get("prdc_coverage").asDouble()).isEqualTo(1.0);
    assertThat(root.get("details").get("detection").get("auc").asDouble())
        .isGreaterThanOrEqualTo(0.5);
    assertThat(root.get("details").get("detection").get("fold_auc")).hasSize(3);
  }

  @Test
  void compareOfAFileWithValuesNear1e200WithItselfIsDistanceZero() throws IOException {
    StringBuilder csv = new StringBuilder("a,b\n");
    for (int i = 0; i < 50; i++) {
      csv.append(1 + (i * 7 % 13) / 3.0).append("e200,").append(i % 5).append('\n');
    }
    Path big = write("big.csv", csv.toString());
    // the Frechet distance's SVD did not converge on squares that overflow: exit 3
    CliRun r = CliRun.of("compare", big.toString(), big.toString(), "--json", "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("frechet_distance").asDouble()).isZero();
    assertThat(JSON.readTree(r.out()).get("frechet_distance").isNumber()).isTrue();
  }

  @Test
  void evaluateRefusesAMissingLabelAsEveryAccuracyDoes() throws IOException {
    Path p = write("p.csv", "y_true,p_a,p_b\na,0.9,0.1\n,0.2,0.8\n");
    CliRun r = CliRun.of("evaluate", "--predictions", p.toString());
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err())
        .startsWith(p + ":3 (column y_true)")
        .contains("a missing label")
        .contains("drop the rows without a label, or fill them in");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
