package dev.gauntlet.model.http;

import static dev.gauntlet.UserInputException.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the KServe v2 inference protocol (JSON): model metadata and inference, with
 * connect and request timeouts and bounded retries with doubling backoff after connection errors
 * and 5xx answers (never after 4xx: the request itself is wrong). Every failure is a user error
 * naming the URL, what happened, and a fix. Thread-safe.
 */
public final class KServeClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where and how to call.
   *
   * @param url the server's base URL
   * @param model the model's name on the server
   * @param input the input's name, or "" for the model's only input
   * @param output the output's name, or "" for the model's only output
   */
  public record Settings(
      URI url,
      String model,
      String input,
      String output,
      Duration connectTimeout,
      Duration timeout,
      int retries,
      Duration backoff) {}

  private final Settings settings;
  private final HttpClient http;
  private final URI metadataUri;
  private final URI inferUri;
  private volatile String inputName;
  private volatile String outputName;

  public KServeClient(Settings settings) {
    this.settings = settings;
    // HTTP/1.1: no h2c upgrade attempt on every plain-http request
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .build();
    String base = settings.url() + "/v2/models/" + settings.model();
    this.metadataUri = URI.create(base);
    this.inferUri = URI.create(base + "/infer");
    this.inputName = settings.input();
    this.outputName = settings.output();
  }

  /** The model as messages name it. */
  public String label() {
    return "model " + quote(settings.model()) + " at " + settings.url();
  }

  /**
   * Reads {@code GET /v2/models/NAME} and checks that the input is {@code [N, width]} and the
   * output {@code [N, classes]} (a dimension of -1 matches any width).
   */
  public void checkMetadata(int width, int classes, String mapping) {
    JsonNode meta =
        parse(send(HttpRequest.newBuilder(metadataUri).GET(), metadataUri), metadataUri);
    JsonNode in = pick(meta.path("inputs"), settings.input(), "input");
    JsonNode out = pick(meta.path("outputs"), settings.output(), "output");
    inputName = in.path("name").asText();
    outputName = out.path("name").asText();
    checkWidth(in, width, "input " + quote(inputName), "the declared inputs: " + mapping, "inputs");
    checkWidth(out, classes, "output " + quote(outputName), classes + " classes", "classes");
  }

  private JsonNode pick(JsonNode list, String name, String what) {
    List<String> names = new ArrayList<>();
    for (JsonNode t : list) {
      names.add(t.path("name").asText());
    }
    if (names.isEmpty()) {
      throw malformed(metadataUri, "metadata without " + what + "s", "a list of " + what + "s");
    }
    int i = name.isEmpty() ? (names.size() == 1 ? 0 : -2) : names.indexOf(name);
    if (i < 0) {
      throw new UserInputException(
          metadataUri.toString(),
          i == -2 ? names.size() + " " + what + "s " + names : "no " + what + " " + quote(name),
          "one of " + names,
          "set model.params." + what + " to one of " + names);
    }
    return list.get(i);
  }

  private void checkWidth(JsonNode tensor, int declared, String what, String mapping, String key) {
    JsonNode shape = tensor.path("shape");
    long last = shape.size() == 2 ? shape.get(1).asLong(-1) : Long.MIN_VALUE;
    if (!shape.isArray() || shape.size() != 2 || (last >= 0 && last != declared)) {
      throw new UserInputException(
          metadataUri + " (" + what + ")",
          "shape " + shape,
          "[-1, " + declared + "] for " + mapping,
          "make model.params." + key + " match the served model");
    }
  }

  /** Class scores for {@code rows} rows of {@code width} float32 values (row-major). */
  public float[] infer(float[] rowMajor, int rows, int width, int classes) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode in = body.putArray("inputs").addObject();
    in.put("name", inputName);
    in.putArray("shape").add(rows).add(width);
    in.put("datatype", "FP32");
    ArrayNode data = in.putArray("data");
    for (float v : rowMajor) {
      data.add(v);
    }
    if (!outputName.isEmpty()) {
      body.putArray("outputs").addObject().put("name", outputName);
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a request", e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(inferUri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    JsonNode answer = parse(send(request, inferUri), inferUri);
    JsonNode outputs = answer.path("outputs");
    JsonNode out = null;
    for (JsonNode o : outputs) {
      if (outputName.isEmpty() || outputName.equals(o.path("name").asText())) {
        out = o;
        break;
      }
    }
    if (out == null) {
      throw malformed(
          inferUri,
          outputs.isArray()
              ? "an answer without output " + quote(outputName)
              : "an answer without \"outputs\"",
          "{\"outputs\": [{\"name\": " + quote(outputName) + ", \"shape\": ..., \"data\": ...}]}");
    }
    JsonNode shape = out.path("shape");
    JsonNode values = out.path("data");
    if (shape.size() != 2
        || shape.get(0).asLong() != rows
        || shape.get(1).asLong() != classes
        || !values.isArray()
        || values.size() != rows * classes) {
      throw malformed(
          inferUri,
          "output "
              + quote(out.path("name").asText())
              + " of shape "
              + shape
              + " with "
              + values.size()
              + " values",
          "shape [" + rows + ", " + classes + "] with " + rows * classes + " numbers");
    }
    float[] y = new float[rows * classes];
    for (int i = 0; i < y.length; i++) {
      JsonNode v = values.get(i);
      if (!v.isNumber()) {
        throw malformed(inferUri, "a value " + v + " in the output's data", "numbers only");
      }
      y[i] = (float) v.asDouble();
    }
    return y;
  }

  /** Sends with retries after connection errors and 5xx; the body of a 2xx answer. */
  private String send(HttpRequest.Builder builder, URI uri) {
    HttpRequest request = builder.timeout(settings.timeout()).build();
    Duration wait = settings.backoff();
    String lastProblem = null;
    for (int attempt = 0; attempt <= settings.retries(); attempt++) {
      if (attempt > 0) {
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (HttpConnectTimeoutException e) {
        lastProblem =
            "no connection within " + seconds(settings.connectTimeout()) + " (connect-timeout)";
        continue;
      } catch (HttpTimeoutException e) {
        // the server took the request and did not answer in time: a retry would load it again
        throw new UserInputException(
            uri.toString(),
            "no answer within " + seconds(settings.timeout()) + " (timeout)",
            "an answer within the timeout",
            "raise model.params.timeout, lower model.params.batch-size, or check the server",
            e);
      } catch (ConnectException e) {
        lastProblem = "connection refused (nothing listening at " + settings.url() + ")";
        continue;
      } catch (IOException e) {
        lastProblem = "a connection error: " + e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while calling " + uri, e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response.body();
      }
      String text = "HTTP " + status + ": " + abbreviate(response.body());
      if (status >= 500) {
        lastProblem = text;
        continue;
      }
      throw new UserInputException(
          uri.toString(),
          text,
          "a 2xx answer",
          status == 404
              ? "check model.params.model and model.params.url (the server has no such model)"
              : "check the model's parameters against the server (a 4xx is not retried)");
    }
    throw new UserInputException(
        uri.toString(),
        lastProblem + ", after " + (settings.retries() + 1) + " attempts",
        "a reachable KServe v2 server answering 2xx",
        lastProblem.startsWith("HTTP")
            ? "check the server's logs; raise model.params.retries if it recovers slowly"
            : "start the server (gauntlet serve), or fix model.params.url");
  }

  private static JsonNode parse(String body, URI uri) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw malformed(uri, "an answer that is not a JSON object: " + abbreviate(body), "{...}");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(uri, "an answer that is not JSON: " + abbreviate(body), "a JSON object");
    }
  }

  private static UserInputException malformed(URI uri, String found, String expected) {
    return new UserInputException(
        uri.toString(),
        found,
        expected + " (KServe v2 inference protocol)",
        "check that the URL points at a KServe v2 server and the model's output");
  }

  private static String abbreviate(String s) {
    String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= 120 ? quote(one) : quote(one.substring(0, 120) + "...");
  }

  private static String seconds(Duration d) {
    return (d.toNanos() / 1e9) + " s";
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between retries", e);
    }
  }
}
