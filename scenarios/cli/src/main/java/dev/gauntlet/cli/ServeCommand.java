package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import dev.gauntlet.model.adapter.TensorLayout;
import dev.gauntlet.model.http.KServeServer;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.spec.ModelSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import dev.gauntlet.spi.ModelRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet serve SCENARIO.yaml --port P [--name NAME]}. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Serve a scenario's model over the KServe v2 protocol on 127.0.0.1.",
    description = {
      "Open the model a scenario file names (a model file: onnx, torchscript, or another http",
      "endpoint) and serve it on the loopback address only, over the KServe v2 inference",
      "protocol (JSON): GET /v2/models/NAME, POST /v2/models/NAME/infer with one FP32 input",
      "[N, width] in the order of its declared inputs. A scenario then tests it with",
      "model: {kind: http, params: {url: http://127.0.0.1:P, model: NAME, ...the same inputs}}.",
      "Runs until stopped (Ctrl-C).",
      "",
      "Examples:",
      "  gauntlet serve examples/scenarios/iris-onnx.yaml --port 8080",
      "  gauntlet serve examples/scenarios/iris-onnx.yaml --port 8080 --name iris"
    })
final class ServeCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "SCENARIO.yaml",
      description = "The scenario whose model to serve.")
  Path scenario;

  @Option(
      names = "--port",
      paramLabel = "P",
      required = true,
      description = "The port on 127.0.0.1 (0: any free port, printed).")
  int port;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The model's name in URLs (default: the scenario's name).")
  String name;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    if (port < 0 || port > 65535) {
      throw new UserInputException(
          "--port " + port, Integer.toString(port), "a port within [0, 65535]", "e.g. --port 8080");
    }
    ScenarioSpec s = ScenarioFiles.load(scenario);
    ModelSpec m = s.model();
    String source = scenario.getFileName().toString();
    if (m.className() != null) {
      throw new UserInputException(
          source + " (model)",
          "class " + m.className(),
          "a model file or endpoint with declared inputs and classes (onnx, torchscript, http)",
          "serve a model-file scenario, e.g. examples/scenarios/iris-onnx.yaml");
    }
    String served = name != null ? name : s.name();
    ModelRequest request =
        new ModelRequest(
            s.data().label(),
            m.params(),
            Seed.of(s.seedOrDefault()).derive("model"),
            scenario.toAbsolutePath().getParent());
    KServeServer server;
    try {
      server = KServeServer.serve(m.kindOrDefault(), request, served, port);
    } catch (dev.gauntlet.FieldException e) {
      String at = e.path().isEmpty() ? "" : "." + e.pathText();
      throw new UserInputException(
          source + " (model" + at + ")", e.found(), e.expected(), e.fix(), e);
    } catch (BindException e) {
      throw new UserInputException(
          "--port " + port,
          "a port in use (" + e.getMessage() + ")",
          "a free port on 127.0.0.1",
          "choose another --port, or stop what listens there");
    }
    TensorLayout layout = server.layout();
    try (server) {
      stdout.println(
          "serving "
              + served
              + " at "
              + server.url()
              + "/v2/models/"
              + served
              + " (input [N, "
              + layout.width()
              + "]: "
              + layout.describeInputs()
              + "; output probabilities "
              + layout.classes()
              + "); Ctrl-C stops");
      stdout.flush();
      new CountDownLatch(1).await();
    }
    return GauntletCli.OK;
  }
}
