package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gauntlet serve, and a scenario run against it over the loopback address. */
class ServeCommandTest {
  static final Path EXAMPLES = Path.of("../../examples/scenarios").toAbsolutePath().normalize();
  static final String ONNX_MODEL =
      """
      model:
        kind: onnx
        params:
          file: ../models/iris_lr.onnx
      """;
  @TempDir Path dir;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The iris example with its model behind http://127.0.0.1:PORT, in a folder of the same name. */
  Path overHttp(int port) throws IOException {
    String yaml = Files.readString(EXAMPLES.resolve("iris-onnx.yaml"));
    assertThat(yaml).contains(ONNX_MODEL);
    String http =
        ONNX_MODEL
            .replace("kind: onnx", "kind: http")
            .replace(
                "file: ../models/iris_lr.onnx",
                "url: http://127.0.0.1:" + port + "\n    model: iris\n    retries: 10");
    Path folder = Files.createDirectories(dir.resolve("http"));
    return Files.writeString(
        folder.resolve("iris-onnx.yaml"),
        yaml.replace(ONNX_MODEL, http)
            .replace(
                "../data/iris.csv", EXAMPLES.resolve("../data/iris.csv").normalize().toString()));
  }

  static ObjectNode comparable(Path report) throws IOException {
    ObjectNode r = (ObjectNode) new ObjectMapper().readTree(report.toFile());
    r.remove("timings");
    ((ObjectNode) r.get("model")).remove("kind");
    return r;
  }

  @Test
  void aScenarioAgainstTheServedModelGivesTheInJvmReport() throws Exception {
    int port = freePort();
    Thread serving =
        new Thread(
            () ->
                CliRun.of(
                    "serve",
                    EXAMPLES.resolve("iris-onnx.yaml").toString(),
                    "--port",
                    Integer.toString(port),
                    "--name",
                    "iris"));
    serving.setDaemon(true);
    serving.start();
    // the http kind retries a refused connection (10 times, backoff from 0.2 s) while serve starts
    CliRun remote =
        CliRun.of(
            "run", overHttp(port).toString(), "--out", dir.resolve("remote").toString(), "--quiet");
    assertThat(remote.code()).as(remote.out() + remote.err()).isZero();
    CliRun local =
        CliRun.of(
            "run",
            EXAMPLES.resolve("iris-onnx.yaml").toString(),
            "--out",
            dir.resolve("local").toString(),
            "--quiet");
    assertThat(local.code()).as(local.out() + local.err()).isZero();
    JsonNode fromHttp = comparable(dir.resolve("remote/report.json"));
    assertThat(fromHttp.path("variants").size()).isEqualTo(4);
    assertThat(fromHttp).isEqualTo(comparable(dir.resolve("local/report.json")));
  }

  @Test
  void anUnreachableEndpointExitsTwoBeforeAnyVariantRuns() throws Exception {
    Path file = overHttp(freePort());
    Files.writeString(file, Files.readString(file).replace("retries: 10", "retries: 1"));
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains("connection refused", "after 2 attempts").doesNotContain("\tat ");
    assertThat(out.resolve("report.json")).doesNotExist();
  }

  @Test
  void aTrainedModelIsNotServed() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("lr.yaml"),
            "data: {csv: "
                + EXAMPLES.resolve("../data/iris.csv").normalize()
                + ", label: species}\nmodel: logistic-regression\n");
    CliRun r = CliRun.of("serve", file.toString(), "--port", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("lr.yaml (model)", "declared inputs");
  }
}
