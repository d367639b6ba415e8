package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-side figures of {@code gauntlet compare --json} that {@link ReferenceCasesTest} leaves
 * out: with mean_real and std_synthetic alone, a swap of the real and synthetic sides would pass.
 * Here every side's row count, mean and standard deviation, every synthetic count and the
 * chi-square degrees of freedom, against the reference (numpy / scipy, see reference.py).
 */
class ReferenceSidesTest {
  private static final Path CASES = Path.of("src", "test", "resources", "reference");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {"breast_cancer_scaled_noise", "credit_g_halves", "iris_noise", "tiny_edge"})
  void eachSideHasItsOwnFigures(String name) throws IOException {
    Path dir = CASES.resolve(name);
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
    JsonNode fidelity = expected.get("fidelity");
    List<String> args =
        new ArrayList<>(
            List.of(
                "compare",
                dir.resolve("real.csv").toString(),
                dir.resolve("synthetic.csv").toString(),
                "--json",
                "--quiet"));
    JsonNode forced = expected.get("meta").get("categorical_forced");
    if (forced != null && forced.size() > 0) {
      List<String> names = new ArrayList<>();
      forced.forEach(n -> names.add(n.asText()));
      args.add("--categorical");
      args.add(String.join(",", names));
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode columns = JSON.readTree(r.out()).get("columns");

    int sidesThatDiffer = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = fidelity.get("numeric").fields();
        it.hasNext(); ) {
      var e = it.next();
      JsonNode got = columns.get(e.getKey());
      JsonNode want = e.getValue();
      String p = name + " " + e.getKey() + ".";
      assertThat(got.get("n_real").asInt()).as(p + "n_real").isEqualTo(want.get("n_real").asInt());
      assertThat(got.get("n_synthetic").asInt())
          .as(p + "n_synthetic")
          .isEqualTo(want.get("n_synthetic").asInt());
      for (String key : new String[] {"mean_real", "mean_synthetic", "std_real", "std_synthetic"}) {
        double w = want.get(key).asDouble();
        // statistics: 1e-9 relative, 1e-12 absolute near 0 (the reference's tolerances)
        assertThat(got.get(key).asDouble())
            .as(p + key)
            .isCloseTo(w, within(Math.max(1e-12, 1e-9 * Math.abs(w))));
      }
      if (want.get("mean_real").asDouble() != want.get("mean_synthetic").asDouble()) {
        sidesThatDiffer++;
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fidelity.get("categorical").fields();
        it.hasNext(); ) {
      var e = it.next();
      JsonNode got = columns.get(e.getKey());
      JsonNode want = e.getValue();
      String p = name + " " + e.getKey() + ".";
      assertThat(got.get("n_real").asInt()).as(p + "n_real").isEqualTo(want.get("n_real").asInt());
      assertThat(got.get("n_synthetic").asInt())
          .as(p + "n_synthetic")
          .isEqualTo(want.get("n_synthetic").asInt());
      assertThat(got.get("counts_synthetic"))
          .as(p + "counts_synthetic")
          .isEqualTo(want.get("counts_synthetic"));
      assertThat(got.get("chi2_dof").asInt())
          .as(p + "chi2_dof")
          .isEqualTo(want.get("chi2_dof").asInt());
      if (!want.get("counts_real").equals(want.get("counts_synthetic"))) {
        sidesThatDiffer++;
      }
    }
    // a swap of the sides must show: the case has columns whose sides differ
    assertThat(sidesThatDiffer).as(name + ": columns whose two sides differ").isPositive();
  }
}
