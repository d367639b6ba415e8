package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gauntlet run --classpath: a team's own model class, compiled here, outside Gauntlet's jars. */
class RunClasspathTest {
  static final Path IRIS = Path.of("../../examples/data/iris.csv").toAbsolutePath().normalize();
  static final String SOURCE =
      """
      package acme;

      import dev.gauntlet.data.Table;
      import dev.gauntlet.model.ClassProbabilities;
      import dev.gauntlet.model.Classifier;
      import java.util.List;

      /** Iris by petal length alone. */
      public final class PetalRule implements Classifier {
        public List<String> classes() {
          return List.of("setosa", "versicolor", "virginica");
        }

        public ClassProbabilities predictProba(Table t) {
          double[] p = new double[t.rowCount() * 3];
          for (int r = 0; r < t.rowCount(); r++) {
            double x = t.numeric("petal_length_cm").get(r);
            int c = x < 2.5 ? 0 : x < 4.9 ? 1 : 2;
            for (int k = 0; k < 3; k++) {
              p[r * 3 + k] = k == c ? 0.9 : 0.05;
            }
          }
          return ClassProbabilities.of(classes(), t.rowCount(), p);
        }
      }
      """;
  @TempDir Path dir;

  Path compile() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/acme")).resolve("PetalRule.java");
    Files.writeString(src, SOURCE);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int code =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            src.toString());
    assertThat(code).isZero();
    return classes;
  }

  @Test
  void aTeamsClassifierRunsFromItsOwnClassFolder() throws IOException {
    Path classes = compile();
    Path scenario =
        Files.writeString(
            dir.resolve("ours.yaml"),
            String.join(
                "\n",
                List.of(
                    "data: {csv: " + IRIS + ", label: species}",
                    "model: {class: acme.PetalRule}",
                    "variants: [{name: noise, kind: gaussian-noise, params: {scale: 0.2}}]",
                    "expectations: [accuracy >= 0.9]",
                    "")));
    CliRun without = CliRun.of("run", scenario.toString(), "--out", dir.resolve("a").toString());
    assertThat(without.code()).isEqualTo(2);
    assertThat(without.err()).contains("no class \"acme.PetalRule\" on the class path");
    CliRun with =
        CliRun.of(
            "run",
            scenario.toString(),
            "--classpath",
            classes.toString(),
            "--out",
            dir.resolve("b").toString(),
            "--quiet");
    assertThat(with.code()).as(with.out() + with.err()).isZero();
    assertThat(dir.resolve("b/report.json")).exists();
  }

  @Test
  void aClasspathEntryThatDoesNotExistIsAUserError() {
    CliRun r =
        CliRun.of(
            "run",
            "../../examples/scenarios/iris-onnx.yaml",
            "--classpath",
            dir.resolve("missing.jar").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--classpath", "no such file or folder");
  }
}
