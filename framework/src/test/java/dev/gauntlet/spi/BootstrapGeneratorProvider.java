package dev.gauntlet.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/** Test-only generator: resamples rows of the fitted table with replacement. */
public final class BootstrapGeneratorProvider implements GeneratorProvider {

  @Override
  public String name() {
    return "bootstrap";
  }

  @Override
  public String description() {
    return "resamples rows of the fitted table (test only)";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public Generator fit(Table sample, Map<String, String> params, Seed seed) {
    return new Bootstrap(sample);
  }

  @Override
  public Generator restore(JsonNode state) {
    String csv = state.get("csv").asText();
    return new Bootstrap(Csv.read(new StringReader(csv), "state", CsvOptions.defaults()));
  }

  static final class Bootstrap implements Generator {
    private final Table rows;

    Bootstrap(Table rows) {
      this.rows = rows;
    }

    @Override
    public String name() {
      return "bootstrap";
    }

    @Override
    public Schema schema() {
      return rows.schema();
    }

    @Override
    public Table sample(int n, Seed stream) {
      UniformRandomProvider rng = stream.rng();
      int[] picks = new int[n];
      for (int i = 0; i < n; i++) {
        picks[i] = rng.nextInt(rows.rowCount());
      }
      return rows.take(picks);
    }

    @Override
    public JsonNode state() {
      StringWriter out = new StringWriter();
      try {
        Csv.write(rows, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return JsonNodeFactory.instance.objectNode().put("csv", out.toString());
    }
  }
}
