package dev.gauntlet.model.http;

import dev.gauntlet.FieldException;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.adapter.TensorLayout;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelProvider;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.ParameterValues;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code http} model kind: a deployed classifier behind the KServe v2 inference protocol. The
 * model's metadata ({@code GET /v2/models/NAME}) is read when it opens, so an unreachable endpoint
 * or an input/output width that differs from the declared mapping fails before any data is read.
 * The JDK's HTTP client is thread-safe, and so is the handle.
 */
public final class KServeModelProvider implements ModelProvider {
  static final List<Parameter> OWN =
      List.of(
          new Parameter("url", null, "the server's base URL, e.g. http://127.0.0.1:8080"),
          new Parameter("model", null, "the model's name on the server (/v2/models/NAME)"),
          new Parameter("input", "", "the input tensor's name; default the model's only input"),
          new Parameter("output", "", "the output tensor's name; default the model's only output"),
          new Parameter("connect-timeout", "5", "seconds to wait for a connection; > 0"),
          new Parameter("timeout", "30", "seconds to wait for an answer to one request; > 0"),
          new Parameter(
              "retries", "3", "retries after a connection error or a 5xx answer (none after 4xx)"),
          new Parameter(
              "backoff", "0.2", "seconds before the first retry, doubled before each next one"));

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String description() {
    return "a deployed classifier over the KServe v2 inference protocol (fixed; probabilities or"
        + " logits)";
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>(OWN);
    all.addAll(TensorLayout.PARAMETERS);
    all.addAll(TensorLayout.ENCODINGS);
    return all;
  }

  @Override
  public Set<ModelCapability> capabilities() {
    return EnumSet.of(ModelCapability.PROBABILITIES, ModelCapability.THREAD_SAFE);
  }

  @Override
  public ModelHandle open(ModelRequest request) {
    TensorLayout layout = TensorLayout.of(request.params(), OWN);
    KServeClassifier model = KServeClassifier.connect(settings(layout.values()), layout);
    Set<ModelCapability> caps = capabilities();
    return new ModelHandle() {
      @Override
      public Set<ModelCapability> capabilities() {
        return caps;
      }

      @Override
      public Classifier fit(Table train) {
        return model;
      }
    };
  }

  static KServeClient.Settings settings(ParameterValues p) {
    URI url;
    try {
      url = URI.create(p.text("url").replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw new FieldException("url", p.text("url"), "a URL such as http://127.0.0.1:8080");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
        || url.getHost() == null) {
      throw new FieldException("url", p.text("url"), "an http:// or https:// URL with a host");
    }
    return new KServeClient.Settings(
        url,
        p.text("model"),
        p.text("input"),
        p.text("output"),
        seconds(p.above("connect-timeout", 0)),
        seconds(p.above("timeout", 0)),
        p.integer("retries", 0, 20),
        seconds(p.atLeast("backoff", 0)));
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  /** A classifier behind a KServe v2 endpoint. */
  public static final class KServeClassifier implements Classifier {
    private final KServeClient client;
    private final TensorLayout layout;

    private KServeClassifier(KServeClient client, TensorLayout layout) {
      this.client = client;
      this.layout = layout;
    }

    /** Reads the model's metadata and checks the mapping against it. */
    public static KServeClassifier connect(KServeClient.Settings settings, TensorLayout layout) {
      KServeClient client = new KServeClient(settings);
      client.checkMetadata(layout.width(), layout.classes().size(), layout.describeInputs());
      return new KServeClassifier(client, layout);
    }

    @Override
    public List<String> classes() {
      return layout.classes();
    }

    @Override
    public ClassProbabilities predictProba(Table table) {
      String label = client.label();
      layout.check(table, label);
      int n = table.rowCount();
      int k = layout.classes().size();
      double[] all = new double[n * k];
      for (int from = 0; from < n; from += layout.batchSize()) {
        int to = Math.min(n, from + layout.batchSize());
        float[] y =
            client.infer(layout.encode(table, from, to, label), to - from, layout.width(), k);
        double[] p = layout.probabilities(y, to - from, label, from);
        System.arraycopy(p, 0, all, from * k, p.length);
      }
      return ClassProbabilities.of(layout.classes(), n, all);
    }
  }
}
