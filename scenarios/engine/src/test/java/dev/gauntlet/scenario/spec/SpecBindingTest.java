package dev.gauntlet.scenario.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecBindingTest {
  @TempDir Path dir;

  private ScenarioSpec load(String yaml) throws IOException {
    Path file = dir.resolve("credit-drift.yaml");
    Files.writeString(file, yaml);
    // loading checks that the files a scenario names exist
    Files.writeString(dir.resolve("credit.csv"), "age,class\n1,good\n");
    Files.writeString(dir.resolve("test.csv"), "age,class\n1,good\n");
    return ScenarioFiles.load(file);
  }

  @Test
  void shortFormsBindToTheSameRecordsAsTheBuilder() throws IOException {
    ScenarioSpec yaml =
        load(
            """
            seed: 7
            data: credit.csv
            split: 0.25
            model: decision-tree
            variants:
              - name: covariate-shift
                params: {columns: age, shift: 2}
                sweep: 2
            slices: [foreign_worker, {column: age, bins: 3}]
            expectations: [accuracy >= 0.7]
            bootstrap: 50
            output: out/credit
            """);
    ScenarioSpec built =
        ScenarioSpec.builder()
            .name("credit-drift")
            .seed(7)
            .data(DataSpec.csv("credit.csv", null))
            .split(0.25)
            .model("decision-tree")
            .variant(
                VariantSpec.of("covariate-shift", null)
                    .withParam("columns", "age")
                    .withParam("shift", "2")
                    .withSweep(2))
            .slice("foreign_worker")
            .slice("age", 3)
            .expect("accuracy >= 0.7")
            .bootstrap(50)
            .output(OutputSpec.of("out/credit"))
            .build();
    assertThat(yaml).isEqualTo(built);
    assertThat(yaml.variants().get(0).severityList()).containsExactly(0.0, 0.5, 1.0);
    assertThat(yaml.variants().get(0).kindOrDefault()).isEqualTo("covariate-shift");
  }

  @Test
  void longFormsAndDefaults() throws IOException {
    ScenarioSpec spec =
        load(
            """
            data:
              synthetic: {generator: independent, fit: credit.csv}
              label: class
              id: customer
              rows: 300
            split: {file: test.csv}
            model: {class: com.acme.Trainer, params: {depth: 3}, threshold: 0.3}
            variants:
              - {name: flips, kind: label-flip, severities: [0, 0.5]}
            """);
    assertThat(spec.name()).isEqualTo("credit-drift");
    assertThat(spec.seedOrDefault()).isZero();
    assertThat(spec.data().id()).containsExactly("customer");
    assertThat(spec.data().synthetic().params()).isEmpty();
    assertThat(spec.split().file()).isEqualTo("test.csv");
    assertThat(spec.model().className()).isEqualTo("com.acme.Trainer");
    assertThat(spec.model().params()).isEqualTo(Map.of("depth", "3"));
    assertThat(spec.model().thresholdOrDefault()).isEqualTo(0.3);
    assertThat(spec.variants().get(0).severityList()).isEqualTo(List.of(0.0, 0.5));
    assertThat(spec.bootstrap().resamplesOrDefault()).isEqualTo(200);
    assertThat(spec.output().datasetsOrDefault()).isFalse();
  }

  @Test
  void defaultSweepIsFourSteps() {
    assertThat(VariantSpec.of("missing", null).severityList())
        .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
  }

  @Test
  void aRecordsCheckNamesTheYamlPath() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    data: credit.csv
                    variants:
                      - {name: drift, severities: [0, 1.5]}
                    """))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("variants[0].severities[1]")
        .hasMessageContaining("within [0, 1]");
  }

  @Test
  void twoDataSourcesAreOneError() {
    assertThatThrownBy(() -> load("data: {csv: a.csv, world: w.json}\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("2 data sources")
        .hasMessageContaining("exactly one of csv, world, synthetic");
  }
}
