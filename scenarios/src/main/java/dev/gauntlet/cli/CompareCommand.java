package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.TablePair;
import dev.gauntlet.metrics.CategoricalFidelity;
import dev.gauntlet.metrics.ColumnFidelity;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.NumericFidelity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet compare REAL.csv SYNTH.csv}: how faithful a synthetic table is. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a synthetic (or current) CSV file with a real (or reference) one: per column",
      "KS test, Wasserstein-1 distance and PSI (numeric) or total variation, chi-square,",
      "Jensen-Shannon distance and PSI (categorical); correlation similarity; and the Frechet",
      "distance on raw and on standardized numeric columns.",
      "",
      "A column is numeric when it is numeric in both files; both files need the same columns."
    })
final class CompareCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "REAL.csv", description = "The real (reference) data.")
  Path real;

  @Parameters(index = "1", paramLabel = "SYNTH.csv", description = "The data to compare with it.")
  Path synthetic;

  @Option(
      names = "--categorical",
      split = ",",
      paramLabel = "COLUMN",
      description = "Read these columns as categorical in both files.")
  List<String> categorical = List.of();

  @Option(
      names = "--exclude",
      split = ",",
      paramLabel = "COLUMN",
      description = "Leave these columns out of the comparison.")
  List<String> exclude = List.of();

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CsvOptions options = CsvOptions.defaults();
    for (String c : categorical) {
      options = options.withType(c, ColumnType.CATEGORICAL);
    }
    TablePair pair = TablePair.read(real, synthetic, options, exclude);
    Fidelity fidelity = Fidelity.compare(pair.real(), pair.synthetic());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(toJson(fidelity)));
    } else {
      print(out, fidelity);
    }
    return GauntletCli.OK;
  }

  private ObjectNode toJson(Fidelity f) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("real", real.toString());
    root.put("synthetic", synthetic.toString());
    root.put("rows_real", f.rowsReal());
    root.put("rows_synthetic", f.rowsSynthetic());
    ObjectNode columns = root.putObject("columns");
    for (Map.Entry<String, ColumnFidelity> e : f.columns().entrySet()) {
      ObjectNode c = columns.putObject(e.getKey());
      if (e.getValue() instanceof NumericFidelity n) {
        c.put("type", "numeric");
        c.put("n_real", n.nReal());
        c.put("n_synthetic", n.nSynthetic());
        Json.put(c, "ks_statistic", n.ks().statistic());
        Json.put(c, "ks_pvalue", n.ks().pValue());
        c.put("ks_method", n.ks().method());
        Json.put(c, "wasserstein", n.wasserstein());
        Json.put(c, "psi", n.psi().value());
        Json.array(c, "psi_edges", n.psi().edges());
        Json.put(c, "mean_real", n.meanReal());
        Json.put(c, "mean_synthetic", n.meanSynthetic());
        Json.put(c, "std_real", n.stdReal());
        Json.put(c, "std_synthetic", n.stdSynthetic());
      } else {
        CategoricalFidelity k = (CategoricalFidelity) e.getValue();
        c.put("type", "categorical");
        c.put("n_real", k.nReal());
        c.put("n_synthetic", k.nSynthetic());
        Json.put(c, "tv_distance", k.tvDistance());
        Json.put(c, "chi2_statistic", k.chi2().statistic());
        Json.put(c, "chi2_pvalue", k.chi2().pValue());
        Json.put(c, "chi2_statistic_nocorr", k.chi2NoCorrection().statistic());
        Json.put(c, "chi2_pvalue_nocorr", k.chi2NoCorrection().pValue());
        c.put("chi2_dof", k.chi2().dof());
        Json.put(c, "js_distance", k.jsDistance());
        Json.put(c, "psi", k.psi().value());
        var cats = c.putArray("categories");
        k.categories().forEach(cats::add);
        Json.array(c, "counts_real", k.countsReal());
        Json.array(c, "counts_synthetic", k.countsSynthetic());
      }
      Json.put(c, "shape_score", e.getValue().shapeScore());
    }
    Json.put(root, "correlation_similarity", f.correlationSimilarity());
    Json.put(root, "frechet_distance", f.frechetDistance());
    Json.put(root, "frechet_distance_standardized", f.frechetDistanceStandardized());
    return root;
  }

  private void print(PrintWriter out, Fidelity f) {
    out.printf(
        "%s (%d rows) vs %s (%d rows)%n%n", real, f.rowsReal(), synthetic, f.rowsSynthetic());
    int width = Math.max(6, f.columns().keySet().stream().mapToInt(String::length).max().orElse(0));
    out.printf("%-" + width + "s  %-11s  %s%n", "column", "type", "figures");
    for (Map.Entry<String, ColumnFidelity> e : f.columns().entrySet()) {
      String figures;
      String type;
      if (e.getValue() instanceof NumericFidelity n) {
        type = "numeric";
        figures =
            "KS "
                + num(n.ks().statistic())
                + " (p "
                + num(n.ks().pValue())
                + "), Wasserstein "
                + num(n.wasserstein())
                + ", PSI "
                + num(n.psi().value());
      } else {
        CategoricalFidelity k = (CategoricalFidelity) e.getValue();
        type = "categorical";
        figures =
            "TV "
                + num(k.tvDistance())
                + ", chi2 "
                + num(k.chi2().statistic())
                + " (p "
                + num(k.chi2().pValue())
                + "), JS "
                + num(k.jsDistance())
                + ", PSI "
                + num(k.psi().value());
      }
      out.printf("%-" + width + "s  %-11s  %s%n", e.getKey(), type, figures);
    }
    out.println();
    out.println("correlation similarity         " + num(f.correlationSimilarity()));
    out.println("Frechet distance (raw)         " + num(f.frechetDistance()));
    out.println("Frechet distance (standardized) " + num(f.frechetDistanceStandardized()));
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return NumberText.format(Double.parseDouble(String.format(Locale.ROOT, "%.4g", v)));
  }
}
