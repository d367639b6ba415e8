package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code gauntlet compare} and {@code gauntlet evaluate} on every reference case (values
 * computed independently by scipy / scikit-learn / the pytorch-fid formula; see
 * src/test/resources/reference/README.md) and checks every figure the case holds.
 */
class ReferenceCasesTest {
  private static final Path CASES = Path.of("src", "test", "resources", "reference");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs
          .filter(d -> Files.exists(d.resolve("expected.json")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void agreesWithTheReference(String name) throws IOException {
    Path dir = CASES.resolve(name);
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
    List<String> disagreements = new ArrayList<>();
    if (expected.has("fidelity")) {
      checkFidelity(dir, expected.get("fidelity"), disagreements);
    }
    if (expected.has("classification")) {
      checkClassification(dir, expected.get("classification"), disagreements);
    }
    assertThat(disagreements).as("figures that disagree with the reference in " + name).isEmpty();
  }

  private static void checkFidelity(Path dir, JsonNode fid, List<String> out) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compare",
                dir.resolve("real.csv").toString(),
                dir.resolve("synthetic.csv").toString(),
                "--json"));
    JsonNode forced =
        JSON.readTree(dir.resolve("expected.json").toFile()).get("meta").get("categorical_forced");
    if (forced != null && forced.size() > 0) {
      List<String> names = new ArrayList<>();
      forced.forEach(n -> names.add(n.asText()));
      args.add("--categorical");
      args.add(String.join(",", names));
    }
    JsonNode got = run(args.toArray(String[]::new));
    JsonNode cols = got.get("columns");
    for (Iterator<Map.Entry<String, JsonNode>> it = fid.get("numeric").fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode g = cols.get(e.getKey());
      String p = e.getKey() + ".";
      assertThat(g.get("type").asText()).as(p + "type").isEqualTo("numeric");
      check(out, p + "ks_statistic", g, "ks_statistic", e.getValue(), "ks_statistic", 1e-9);
      // scipy's auto method: exact up to 10,000 rows a side, else asymptotic
      String pkey =
          e.getValue().get("ks_method_auto").asText().equals("exact")
              ? "ks_pvalue"
              : "ks_pvalue_asymp";
      check(out, p + "ks_pvalue", g, "ks_pvalue", e.getValue(), pkey, 1e-6);
      check(out, p + "wasserstein", g, "wasserstein", e.getValue(), "wasserstein", 1e-9);
      check(out, p + "psi", g, "psi", e.getValue(), "psi", 1e-9);
      check(out, p + "mean_real", g, "mean_real", e.getValue(), "mean_real", 1e-9);
      check(out, p + "std_synthetic", g, "std_synthetic", e.getValue(), "std_synthetic", 1e-9);
      assertThat(doubles(g.get("psi_edges")))
          .as(p + "psi_edges")
          .containsExactly(doubles(e.getValue().get("psi_edges")));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fid.get("categorical").fields();
        it.hasNext(); ) {
      var e = it.next();
      JsonNode g = cols.get(e.getKey());
      JsonNode w = e.getValue();
      String p = e.getKey() + ".";
      assertThat(g.get("type").asText()).as(p + "type").isEqualTo("categorical");
      assertThat(g.get("categories")).as(p + "categories").isEqualTo(w.get("categories"));
      assertThat(g.get("counts_real")).as(p + "counts_real").isEqualTo(w.get("counts_real"));
      check(out, p + "tv_distance", g, "tv_distance", w, "tvd", 1e-9);
      check(out, p + "chi2_statistic", g, "chi2_statistic", w, "chi2_statistic", 1e-9);
      check(out, p + "chi2_pvalue", g, "chi2_pvalue", w, "chi2_pvalue", 1e-6);
      check(out, p + "chi2_nocorr", g, "chi2_statistic_nocorr", w, "chi2_statistic_nocorr", 1e-9);
      check(out, p + "chi2_pvalue_nocorr", g, "chi2_pvalue_nocorr", w, "chi2_pvalue_nocorr", 1e-6);
      check(out, p + "js_distance", g, "js_distance", w, "jensenshannon_distance_base2", 1e-9);
      check(out, p + "psi", g, "psi", w, "psi", 1e-9);
    }
    JsonNode corr = fid.get("correlation");
    if (corr != null && !corr.isNull()) {
      check(
          out,
          "correlation_similarity",
          got,
          "correlation_similarity",
          corr,
          "correlation_similarity",
          1e-9);
    }
    JsonNode fr = fid.get("frechet");
    String raw = fr.hasNonNull("frechet_distance") ? "frechet_distance" : "frechet_distance_eig";
    check(out, "frechet_distance", got, "frechet_distance", fr, raw, 1e-6);
    check(
        out,
        "frechet_distance_standardized",
        got,
        "frechet_distance_standardized",
        fr,
        "frechet_distance_standardized",
        1e-8);
  }

  private static void checkClassification(Path dir, JsonNode w, List<String> out)
      throws IOException {
    JsonNode g =
        run("evaluate", "--predictions", dir.resolve("predictions.csv").toString(), "--json");
    assertThat(g.get("classes")).isEqualTo(w.get("classes"));
    check(out, "accuracy", g, "accuracy", w, "accuracy", 1e-9);
    check(out, "f1_macro", g, "f1_macro", w, "f1_macro", 1e-9);
    check(out, "log_loss", g, "log_loss", w, "log_loss", 1e-9);
    check(out, "log_loss_raw", g.get("details"), "log_loss_raw", w, "log_loss_raw", 1e-9);
    check(
        out, "brier_multiclass", g.get("details"), "brier_multiclass", w, "brier_multiclass", 1e-9);
    check(out, "ece", g, "ece", w, "ece", 1e-9);
    check(out, "ece_left_closed", g.get("details"), "ece_left_closed", w, "ece_left_closed", 1e-9);
    if (w.get("classes").size() == 2) {
      check(out, "brier", g, "brier_score", w, "brier", 1e-9);
      check(out, "roc_auc", g, "roc_auc", w, "roc_auc", 1e-9);
    } else {
      check(out, "roc_auc (ovr macro)", g, "roc_auc", w, "roc_auc_ovr_macro", 1e-9);
      for (int c = 0; c < w.get("classes").size(); c++) {
        String cls = w.get("classes").get(c).asText();
        JsonNode want = w.get("roc_auc_ovr_per_class").get(c);
        JsonNode have = g.get("per_class").get(cls).get("roc_auc_ovr");
        if (!close(have, want, 1e-9)) {
          out.add("roc_auc_ovr of " + cls + ": got " + have + " want " + want);
        }
      }
    }
  }

  private static void check(
      List<String> out,
      String what,
      JsonNode got,
      String gotKey,
      JsonNode want,
      String wantKey,
      double rel) {
    JsonNode w = want.get(wantKey);
    JsonNode g = got.get(gotKey);
    if (!close(g, w, rel)) {
      out.add(what + ": got " + g + " want " + w);
    }
  }

  /** Both null (undefined), or within {@code rel} relative (1e-12 absolute near 0). */
  private static boolean close(JsonNode got, JsonNode want, double rel) {
    if (want == null || want.isNull()) {
      return got == null || got.isNull();
    }
    if (got == null || !got.isNumber()) {
      return false;
    }
    double a = got.asDouble();
    double b = want.asDouble();
    return Math.abs(a - b) <= Math.max(1e-12, rel * Math.abs(b));
  }

  private static double[] doubles(JsonNode array) {
    double[] d = new double[array.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = array.get(i).asDouble();
    }
    return d;
  }

  private static JsonNode run(String... args) throws IOException {
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }
}
