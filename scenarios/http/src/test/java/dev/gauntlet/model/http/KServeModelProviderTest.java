package dev.gauntlet.model.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.model.adapter.TensorLayout;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Registry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The http kind against in-process servers on the loopback address, faults included. */
class KServeModelProviderTest {
  static final String METADATA =
      "{\"name\":\"m\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,2]}],"
          + "\"outputs\":[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[-1,2]}]}";
  static final String GOOD =
      "{\"outputs\":[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2,2],"
          + "\"data\":[0.25,0.75,0.5,0.5]}]}";
  static final Table ROWS = Table.builder().numeric("a", 1, 2).numeric("b", 3, 4).build();

  HttpServer server;
  final AtomicInteger inferCalls = new AtomicInteger();

  /** A reply: status and body. */
  record Reply(int status, String body, long delayMillis) {
    static Reply ok(String body) {
      return new Reply(200, body, 0);
    }
  }

  /**
   * Serves METADATA (or {@code metadata}) and answers the n-th infer call (1-based) by {@code
   * infer}.
   */
  String serve(String metadata, IntFunction<Reply> infer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/v2/models/m",
        exchange -> {
          try (exchange) {
            if (exchange.getRequestURI().getPath().endsWith("/infer")) {
              exchange.getRequestBody().readAllBytes();
              Reply r = infer.apply(inferCalls.incrementAndGet());
              if (r.delayMillis() > 0) {
                try {
                  Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
              send(exchange, r.status(), r.body());
            } else {
              send(exchange, 200, metadata);
            }
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static Map<String, String> params(String url) {
    Map<String, String> p = new HashMap<>();
    p.put("url", url);
    p.put("model", "m");
    p.put("inputs", "a, b");
    p.put("classes", "no, yes");
    // generous: on a loaded machine a normal answer can take longer than half a second
    p.put("timeout", "5");
    p.put("connect-timeout", "5");
    p.put("backoff", "0.01");
    p.put("retries", "2");
    return p;
  }

  static ModelHandle open(Map<String, String> params) {
    return Registry.models()
        .get("http")
        .open(new ModelRequest("y", params, Seed.of(1), Path.of(".")));
  }

  static ClassProbabilities predict(Map<String, String> params) {
    try (ModelHandle h = open(params)) {
      return h.fit(ROWS).predictProba(ROWS);
    }
  }

  @Test
  void readsTheServersProbabilities() throws IOException {
    ClassProbabilities p = predict(params(serve(METADATA, n -> Reply.ok(GOOD))));
    assertThat(p.get(0, 1)).isEqualTo(0.75);
    assertThat(p.get(1, 0)).isEqualTo(0.5);
    assertThat(inferCalls).hasValue(1);
  }

  @Test
  void aSlowAnswerPastTheTimeoutIsNotRetried() throws IOException {
    String url = serve(METADATA, n -> new Reply(200, GOOD, 3000));
    Map<String, String> p = params(url);
    p.put("timeout", "0.5");
    assertThatThrownBy(() -> predict(p))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("/v2/models/m/infer")
        .hasMessageContaining("no answer within 0.5 s (timeout)")
        .hasMessageContaining("raise model.params.timeout");
    assertThat(inferCalls).hasValue(1);
  }

  @Test
  void fiveHundredsThatRecoverAreRetried() throws IOException {
    String url = serve(METADATA, n -> n <= 2 ? new Reply(503, "busy", 0) : Reply.ok(GOOD));
    assertThat(predict(params(url)).get(0, 1)).isEqualTo(0.75);
    assertThat(inferCalls).hasValue(3);
  }

  @Test
  void fiveHundredsThatDoNotRecoverFailAfterTheRetries() throws IOException {
    String url = serve(METADATA, n -> new Reply(500, "{\"error\": \"out of memory\"}", 0));
    assertThatThrownBy(() -> predict(params(url)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("out of memory")
        .hasMessageContaining("after 3 attempts");
    assertThat(inferCalls).hasValue(3);
  }

  @Test
  void aFourHundredIsNotRetried() throws IOException {
    String url = serve(METADATA, n -> new Reply(400, "bad input", 0));
    assertThatThrownBy(() -> predict(params(url)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("not retried");
    assertThat(inferCalls).hasValue(1);
  }

  @Test
  void anAnswerThatIsNotJsonSaysSo() throws IOException {
    String url = serve(METADATA, n -> Reply.ok("<html>gateway</html>"));
    assertThatThrownBy(() -> predict(params(url)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("an answer that is not JSON")
        .hasMessageContaining("<html>");
  }

  @Test
  void anAnswerOfTheWrongShapeSaysWhichShape() throws IOException {
    String threeClasses =
        "{\"outputs\":[{\"name\":\"p\",\"shape\":[2,3],\"data\":[0.2,0.3,0.5,0.2,0.3,0.5]}]}";
    String url = serve(METADATA, n -> Reply.ok(threeClasses));
    assertThatThrownBy(() -> predict(params(url)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("output \"p\" of shape [2,3] with 6 values")
        .hasMessageContaining("shape [2, 2] with 4 numbers");
  }

  @Test
  void metadataOfAnotherWidthIsRefusedWhenItOpens() throws IOException {
    String url =
        serve(
            METADATA.replace("[-1,2]}],\"outputs\"", "[-1,5]}],\"outputs\""), n -> Reply.ok(GOOD));
    assertThatThrownBy(() -> open(params(url)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("input \"x\"")
        .hasMessageContaining("[-1,5]")
        .hasMessageContaining("[-1, 2]");
    assertThat(inferCalls).hasValue(0);
  }

  @Test
  void aRefusedConnectionFailsWhenItOpensAfterTheRetries() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    assertThatThrownBy(() -> open(params("http://127.0.0.1:" + port)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("connection refused")
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("gauntlet serve");
  }

  static final TensorLayout LAYOUT =
      TensorLayout.of(Map.of("inputs", "a, b", "classes", "no, yes"), List.of());

  /** A logistic regression on two inputs, a and b, of classes no and yes. */
  static Classifier smallModel() {
    Table train =
        Table.builder()
            .numeric("a", 0, 1, 2, 3, 4, 5, 0.5, 4.5)
            .numeric("b", 1, 0, 1, 0, 1, 0, 0, 1)
            .categorical("y", "no", "no", "no", "yes", "yes", "yes", "no", "yes")
            .build()
            .withRole("y", dev.gauntlet.data.ColumnRole.LABEL);
    return LogisticRegression.trainer("y").fit(train);
  }

  @Test
  void theServerServesAClassifierAsTheClientReadsIt() throws IOException {
    Classifier lr = smallModel();
    TensorLayout layout = LAYOUT;
    try (KServeServer s = KServeServer.start("m", lr, layout, 0)) {
      Map<String, String> p = params(s.url());
      p.put("batch-size", "3");
      ClassProbabilities remote = predict(p);
      ClassProbabilities local = lr.predictProba(ROWS);
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 2; c++) {
          // the protocol carries float32: equal after rounding to float
          assertThat(remote.get(r, c)).isEqualTo((double) (float) local.get(r, c));
        }
      }
    }
  }

  @Test
  void serveOpensAFixedModelThroughTheRegistryAndServesIt() throws IOException {
    Classifier lr = smallModel();
    TensorLayout layout = LAYOUT;
    // the fixed model served here is itself an http endpoint: serve() opens it by kind
    try (KServeServer origin = KServeServer.start("m", lr, layout, 0);
        KServeServer relay =
            KServeServer.serve(
                "http",
                new ModelRequest("y", params(origin.url()), Seed.of(1), Path.of(".")),
                "m",
                0)) {
      assertThat(relay.layout().width()).isEqualTo(2);
      assertThat(relay.port()).isNotEqualTo(origin.port());
      ClassProbabilities relayed = predict(params(relay.url()));
      ClassProbabilities direct = predict(params(origin.url()));
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 2; c++) {
          assertThat(relayed.get(r, c)).isEqualTo(direct.get(r, c));
        }
      }
    }
  }

  @Test
  void serveRefusesAModelWithoutDeclaredInputsAndATrainedOne() {
    ModelRequest noInputs = new ModelRequest("y", Map.of(), Seed.of(1), Path.of("."));
    assertThatThrownBy(() -> KServeServer.serve("logistic-regression", noInputs, "m", 0))
        .isInstanceOfSatisfying(
            dev.gauntlet.FieldException.class,
            e -> {
              assertThat(e.path()).isEmpty();
              assertThat(e.found()).isEqualTo("a model without declared inputs");
            });
  }
}
