package dev.gauntlet.model.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.FieldException;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.adapter.TensorLayout;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves one classifier over the KServe v2 inference protocol (JSON) on the loopback address only:
 * {@code GET /v2/health/ready}, {@code GET /v2/models/NAME} (metadata with the input's and output's
 * shapes) and {@code POST /v2/models/NAME/infer} (one FP32 input {@code [N, width]} in the layout's
 * order; one FP32 output {@code probabilities} {@code [N, classes]}). So the {@code http} model
 * kind can be tried, and tested, without deploying anything.
 */
public final class KServeServer implements AutoCloseable {
  public static final String INPUT = "input";
  public static final String OUTPUT = "probabilities";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final String name;
  private final Classifier model;
  private final TensorLayout layout;
  private ModelHandle owned; // the handle serve() opened, closed with the server

  private KServeServer(
      HttpServer server,
      ExecutorService executor,
      String name,
      Classifier model,
      TensorLayout layout) {
    this.server = server;
    this.executor = executor;
    this.name = name;
    this.model = model;
    this.layout = layout;
  }

  /**
   * Starts serving {@code model} as {@code name} on 127.0.0.1:{@code port} (0: any free port), its
   * tensor read through {@code layout}.
   */
  public static KServeServer start(String name, Classifier model, TensorLayout layout, int port)
      throws IOException {
    // small answers otherwise wait for delayed ACKs (Nagle): ~40 ms a request on loopback; the
    // JDK server reads this property once, when its first server starts
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "kserve-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    KServeServer s = new KServeServer(server, executor, name, model, layout);
    server.createContext("/v2", s::handle);
    server.start();
    return s;
  }

  /**
   * Opens the fixed model of {@code kind} that {@code request} describes (a model file or an
   * endpoint with declared inputs and classes: onnx, torchscript, http) through the model registry
   * and serves it as {@code name} on 127.0.0.1:{@code port} (0: any free port). Closing the server
   * closes the model.
   *
   * @throws FieldException with a path inside the scenario's {@code model} section: {@code
   *     params...} for bad parameters; the section itself (an empty path) for a model without
   *     declared inputs or one that is trained on a scenario's rows (serve its exported file)
   * @throws java.net.BindException when the port is taken
   */
  public static KServeServer serve(String kind, ModelRequest request, String name, int port)
      throws IOException {
    if (request.params().get("inputs") == null) {
      throw new FieldException(
          java.util.List.of(),
          "a model without declared inputs",
          "a model file or endpoint with declared inputs and classes (onnx, torchscript, http)",
          "serve a model-file scenario, e.g. examples/scenarios/iris-onnx.yaml");
    }
    TensorLayout layout;
    ModelHandle handle;
    try {
      layout = TensorLayout.shared(request.params());
      handle = Registry.models().get(kind).open(request);
    } catch (FieldException e) {
      throw e.under("params");
    }
    try {
      if (handle.can(ModelCapability.RETRAINABLE)) {
        throw new FieldException(
            java.util.List.of(),
            "a model that is trained on the scenario's rows",
            "a fixed model (a model file or endpoint)",
            "export the trained model (ONNX, TorchScript) and serve that");
      }
      KServeServer server = start(name, handle.fit(Table.builder().build()), layout, port);
      server.owned = handle;
      return server;
    } catch (IOException | RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  /** The served model's tensor layout (inputs, width, classes). */
  public TensorLayout layout() {
    return layout;
  }

  /** The port served on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String modelPath = "/v2/models/" + name;
      if (method.equals("GET") && path.equals("/v2/health/ready")) {
        reply(exchange, 200, JSON.createObjectNode().put("ready", true));
      } else if (method.equals("GET") && path.equals(modelPath)) {
        reply(exchange, 200, metadata());
      } else if (method.equals("POST") && path.equals(modelPath + "/infer")) {
        infer(exchange);
      } else {
        reply(exchange, 404, error("no " + method + " " + path + " here; model " + name));
      }
    } catch (RuntimeException e) {
      reply(exchange, 500, error(String.valueOf(e.getMessage())));
    }
  }

  private ObjectNode metadata() {
    ObjectNode m = JSON.createObjectNode();
    m.put("name", name);
    m.put("platform", "gauntlet");
    tensor(m.putArray("inputs"), INPUT, layout.width());
    tensor(m.putArray("outputs"), OUTPUT, layout.classes().size());
    return m;
  }

  private static void tensor(ArrayNode list, String name, int width) {
    ObjectNode t = list.addObject();
    t.put("name", name);
    t.put("datatype", "FP32");
    t.putArray("shape").add(-1).add(width);
  }

  private void infer(HttpExchange exchange) throws IOException {
    JsonNode body;
    try (InputStream in = exchange.getRequestBody()) {
      body = JSON.readTree(in);
    } catch (IOException e) {
      reply(exchange, 400, error("the request is not JSON"));
      return;
    }
    JsonNode input = body == null ? null : body.path("inputs").path(0);
    JsonNode shape = input == null ? null : input.path("shape");
    JsonNode data = input == null ? null : input.path("data");
    if (shape == null
        || shape.size() != 2
        || shape.get(1).asInt() != layout.width()
        || !data.isArray()
        || data.size() != shape.get(0).asInt() * layout.width()) {
      reply(
          exchange,
          400,
          error("expected one input of shape [N, " + layout.width() + "] with N x width values"));
      return;
    }
    int rows = shape.get(0).asInt();
    float[] x = new float[data.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) data.get(i).asDouble();
    }
    ClassProbabilities p;
    try {
      p = model.predictProba(layout.decode(x, rows));
    } catch (IllegalArgumentException e) {
      reply(exchange, 400, error(e.getMessage()));
      return;
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("model_name", name);
    ObjectNode out = answer.putArray("outputs").addObject();
    out.put("name", OUTPUT);
    out.put("datatype", "FP32");
    out.putArray("shape").add(rows).add(p.classCount());
    ArrayNode values = out.putArray("data");
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < p.classCount(); c++) {
        values.add((float) p.get(r, c));
      }
    }
    reply(exchange, 200, answer);
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    if (owned != null) {
      owned.close();
    }
  }
}
