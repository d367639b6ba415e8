package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classification figures {@code gauntlet evaluate --json} prints beside those {@link
 * ReferenceCasesTest} checks: precision and recall per class and their macro and weighted means,
 * weighted F1, PR AUC (scikit-learn's average precision; multiclass: the one-vs-rest macro mean)
 * and MCE, against every predictions case of the reference (scikit-learn 1.2, computed by
 * reference.py in test resources, independently of Gauntlet). Tolerance 1e-9: these are ratios of
 * counts and sums of a few dozen terms, exact to rounding.
 */
class ClassificationReferenceFiguresTest {
  private static final Path CASES = Path.of("src", "test", "resources", "reference");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TOLERANCE = 1e-9;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "classifier_edges_binary",
        "classifier_edges_multiclass",
        "credit_g_halves",
        "iris_noise"
      })
  void precisionRecallPrAucAndMceMatchScikitLearn(String name) throws IOException {
    Path dir = CASES.resolve(name);
    JsonNode want = JSON.readTree(dir.resolve("expected.json").toFile()).get("classification");
    CliRun r =
        CliRun.of("evaluate", "--predictions", dir.resolve("predictions.csv").toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode got = JSON.readTree(r.out());

    for (String key :
        new String[] {
          "precision_macro", "recall_macro", "precision_weighted", "recall_weighted", "f1_weighted"
        }) {
      assertThat(got.get(key).asDouble())
          .as(key)
          .isCloseTo(want.get(key).asDouble(), within(TOLERANCE));
    }
    JsonNode classes = want.get("classes");
    assertThat(got.get("classes")).isEqualTo(classes);
    for (int c = 0; c < classes.size(); c++) {
      JsonNode perClass = got.get("per_class").get(classes.get(c).asText());
      String where = "class " + classes.get(c).asText() + " ";
      assertThat(perClass.get("precision").asDouble())
          .as(where + "precision")
          .isCloseTo(want.get("precision_per_class").get(c).asDouble(), within(TOLERANCE));
      assertThat(perClass.get("recall").asDouble())
          .as(where + "recall")
          .isCloseTo(want.get("recall_per_class").get(c).asDouble(), within(TOLERANCE));
      assertThat(perClass.get("f1").asDouble())
          .as(where + "f1")
          .isCloseTo(want.get("f1_per_class").get(c).asDouble(), within(TOLERANCE));
      assertThat(perClass.get("support").asInt())
          .as(where + "support")
          .isEqualTo(want.get("support_per_class").get(c).asInt());
    }
    String averagePrecision =
        classes.size() == 2 ? "average_precision" : "average_precision_ovr_macro";
    assertThat(got.get("pr_auc").asDouble())
        .as("pr_auc = " + averagePrecision)
        .isCloseTo(want.get(averagePrecision).asDouble(), within(TOLERANCE));
    assertThat(got.get("mce").asDouble())
        .as("mce")
        .isCloseTo(want.get("mce").asDouble(), within(TOLERANCE));
  }
}
