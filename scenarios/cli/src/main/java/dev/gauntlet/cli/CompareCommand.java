package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.Table;
import dev.gauntlet.data.TablePair;
import dev.gauntlet.internal.AtomicFile;
import dev.gauntlet.metrics.CategoricalFidelity;
import dev.gauntlet.metrics.ColumnFidelity;
import dev.gauntlet.metrics.DcrOverfitting;
import dev.gauntlet.metrics.Detection;
import dev.gauntlet.metrics.Drift;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.Mmd;
import dev.gauntlet.metrics.NumericFidelity;
import dev.gauntlet.metrics.Prdc;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.metrics.Utility;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.SyntheticFigures;
import dev.gauntlet.scenario.html.HtmlReport;
import dev.gauntlet.spi.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet compare REAL.csv SYNTH.csv}: how faithful a synthetic table is. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    header = "Compare a synthetic (or current) CSV file with a real (or reference) one.",
    description = {
      "Compare a synthetic (or current) CSV file with a real (or reference) one: per column",
      "KS test, Wasserstein-1 distance and PSI (numeric) or total variation, chi-square,",
      "Jensen-Shannon distance and PSI (categorical); correlation similarity; and the Frechet",
      "distance on raw and on standardized numeric columns; drift; privacy (distance to",
      "the closest real row, exact copies); and on one seeded subsample of at most --max-rows",
      "rows a side: a logistic-regression detection test (AUC, SDMetrics' score), PRDC",
      "(precision, recall, density, coverage, k = 5) and the RBF-kernel MMD with a",
      "permutation p-value.",
      "",
      "A column is numeric when it is numeric in both files; both files need the same columns",
      "and at least 2 data rows."
    })
final class CompareCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "REAL.csv", description = "The real (reference) data.")
  Path real;

  @Parameters(index = "1", paramLabel = "SYNTH.csv", description = "The data to compare with it.")
  Path synthetic;

  @Mixin ColumnTypeOptions types;

  @Option(
      names = "--exclude",
      split = ",",
      paramLabel = "COLUMN",
      description = "Leave these columns out of the comparison.")
  List<String> exclude = List.of();

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "Rows a side (a seeded subsample) for the quadratic privacy, detection, PRDC and MMD"
              + " figures (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "0",
      description = "Seed of the subsamples and random baselines (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--drift-test",
      paramLabel = "TEST",
      description =
          "Use this drift test for every column: ks, chisquare, wasserstein or jensenshannon"
              + " (default: Evidently's choice per column). ks and wasserstein apply to numeric"
              + " columns only; categorical columns keep the default.")
  String driftTest;

  @Option(
      names = "--bonferroni",
      description = "Divide the drift p-value threshold by the number of columns.")
  boolean bonferroni;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description =
          "The target column: adds utility, the holdout accuracy of the built-in logistic"
              + " regression trained on synthetic rows (TSTR) against trained on real rows (TRTR).")
  String label;

  @Option(
      names = "--holdout",
      paramLabel = "HOLDOUT.csv",
      description =
          "Real rows the generator never saw: adds DCR overfitting protection (are synthetic rows"
              + " closer to REAL.csv, the training rows, than to these?).")
  Path holdout;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write the synthetic-data report to FILE: one self-contained HTML page with real"
              + " vs synthetic charts per column, the pair-trend heat map, the quality score, drift"
              + " per column and privacy (and utility with --label).")
  Path html;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (html != null) {
      AtomicFile.checkTarget(html, "--html");
    }
    CsvOptions options = types.toCsvOptions();
    List<Path> files =
        holdout == null ? List.of(real, synthetic) : List.of(real, synthetic, holdout);
    Progress progress = quiet ? Progress.NONE : TerminalProgress.of(spec.commandLine().getErr());
    Stages stages = new Stages(progress, holdout != null, label != null);
    stages.next("reading " + files.size() + " files");
    List<Table> tables = TablePair.readAligned(files, options, exclude);
    TablePair pair = new TablePair(tables.get(0), tables.get(1));
    if (pair.real().columnCount() == 0) {
      throw new UserInputException(
          "--exclude " + String.join(",", exclude),
          "every column excluded",
          "at least one column left to compare",
          "exclude fewer columns");
    }
    if (label != null && exclude.contains(label)) {
      throw new UserInputException(
          "--label " + UserInputException.quote(label),
          "a column that --exclude leaves out",
          "a column that is compared",
          "remove it from --exclude, or choose another --label");
    }
    if (label != null && !pair.real().schema().contains(label)) {
      throw new UserInputException(
          "--label " + UserInputException.quote(label), "no column of that name",
          "one of " + pair.real().schema().names(), "name the target column of both files");
    }
    // distributions, tests and distances need two rows a side; fewer gave n/a or internal errors
    for (int i = 0; i < tables.size(); i++) {
      int rows = tables.get(i).rowCount();
      if (rows < 2) {
        throw new UserInputException(
            files.get(i).toString(),
            rows == 0 ? "no data rows (a header only)" : "1 data row",
            "at least 2 data rows, to measure distributions",
            "compare files with more rows");
      }
    }
    if (maxRows < 2) {
      throw new UserInputException(
          "--max-rows " + maxRows,
          Integer.toString(maxRows),
          "at least 2",
          "give a larger subsample size (the default is 5000)");
    }
    Drift.Options driftOptions = Drift.Options.defaults().withBonferroni(bonferroni);
    if (driftTest != null) {
      driftOptions = driftOptions.withTest(driftTestNamed(driftTest));
    }
    stages.next("fidelity");
    Fidelity fidelity = Fidelity.compare(pair.real(), pair.synthetic());
    stages.next("drift");
    Drift drift = Drift.of(pair.real(), pair.synthetic(), driftOptions);
    stages.next("privacy");
    TablePair subsamples =
        Privacy.subsamples(pair.real(), pair.synthetic(), maxRows, Seed.of(seed));
    Privacy privacy = Privacy.of(pair.real(), pair.synthetic(), subsamples, Seed.of(seed));
    DcrOverfitting overfitting = null;
    if (holdout != null) {
      stages.next("overfitting");
      overfitting =
          DcrOverfitting.of(pair.real(), tables.get(2), pair.synthetic(), maxRows, Seed.of(seed));
    }
    Utility utility = null;
    if (label != null) {
      stages.next("utility");
      utility = Utility.of(pair.real(), pair.synthetic(), label, Seed.of(seed));
    }
    stages.next("detection, PRDC, MMD");
    SampleFigures sample = sampleFigures(subsamples);
    if (html != null) {
      writeHtml(pair, fidelity, drift, privacy, overfitting, utility);
    }
    stages.done();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = toJson(fidelity);
      putDrift(root.putObject("drift"), drift);
      putPrivacy(root, privacy, maxRows);
      root.put("seed", seed);
      if (overfitting != null) {
        ObjectNode o = root.putObject("dcr_overfitting");
        o.put("synthetic_rows", overfitting.syntheticRows());
        Json.put(o, "closer_to_training", overfitting.closerToTraining());
        Json.put(o, "score", overfitting.score());
      }
      if (utility != null) {
        putUtility(root.putObject("utility"), utility);
      }
      sample.putJson(root);
      out.println(Json.write(root));
    } else {
      print(out, fidelity);
      printDriftAndPrivacy(out, drift, privacy);
      if (overfitting != null) {
        out.println(
            "  DCR overfitting protection     "
                + num(overfitting.score())
                + " ("
                + num(overfitting.closerToTraining())
                + " of synthetic rows closer to training rows than to holdout rows)");
      }
      if (utility != null) {
        printUtility(out, utility);
      }
      sample.print(out);
    }
    return GauntletCli.OK;
  }

  private void writeHtml(
      TablePair pair,
      Fidelity fidelity,
      Drift drift,
      Privacy privacy,
      DcrOverfitting overfitting,
      Utility utility) {
    Map<String, Double> scores = new java.util.LinkedHashMap<>();
    scores.put("quality_score", fidelity.qualityScore());
    scores.put(
        "column_shapes",
        fidelity.columns().values().stream()
            .mapToDouble(ColumnFidelity::shapeScore)
            .filter(Double::isFinite)
            .average()
            .orElse(Double.NaN));
    scores.put("correlation_similarity", fidelity.correlationSimilarity());
    scores.put("contingency_similarity", fidelity.contingencySimilarity());
    scores.put("frechet_distance_standardized", fidelity.frechetDistanceStandardized());
    scores.put("share_of_columns_drifted", drift.shareDrifted());
    scores.put("exact_copy_rate", privacy.exactCopyShare());
    scores.put("dcr_median", privacy.dcrMedian());
    scores.put("dcr_baseline_protection", privacy.dcrBaselineProtection());
    if (overfitting != null) {
      scores.put("dcr_overfitting_protection", overfitting.score());
    }
    if (utility != null) {
      scores.put("trtr_accuracy", utility.accuracyRealTrained());
      scores.put("tstr_accuracy", utility.accuracySyntheticTrained());
      scores.put("utility_ratio", utility.ratio());
    }
    String page =
        HtmlReport.comparison(
            new HtmlReport.Comparison(
                real.getFileName().toString(),
                synthetic.getFileName().toString(),
                seed,
                scores,
                SyntheticFigures.of(pair.real(), pair.synthetic(), fidelity, drift)));
    try (AtomicFile file = AtomicFile.open(html)) {
      try {
        java.nio.file.Files.writeString(file.temp(), page);
      } catch (java.io.IOException e) {
        throw AtomicFile.cannotWrite(html, e);
      }
      file.commit();
    }
  }

  private static Drift.Test driftTestNamed(String id) {
    for (Drift.Test t : Drift.Test.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new UserInputException(
        "--drift-test " + UserInputException.quote(id),
        "no drift test of that name",
        "one of " + java.util.Arrays.stream(Drift.Test.values()).map(Drift.Test::id).toList(),
        "use one of the listed names, or leave the option out for Evidently's defaults");
  }

  private static void putDrift(ObjectNode node, Drift drift) {
    ObjectNode columns = node.putObject("columns");
    drift
        .columns()
        .forEach(
            (name, d) -> {
              ObjectNode c = columns.putObject(name);
              c.put("test", d.test().id());
              Json.put(c, "statistic", d.statistic());
              Json.put(c, "threshold", d.threshold());
              c.put("drifted", d.drifted());
            });
    Json.put(node, "share_drifted", drift.shareDrifted());
    node.put("dataset_drift", drift.datasetDrift());
  }

  private static void putUtility(ObjectNode node, Utility u) {
    node.put("label", u.label());
    node.put("model", "logistic-regression");
    node.put("train_real_rows", u.trainRealRows());
    node.put("holdout_rows", u.holdoutRows());
    Json.put(node, "accuracy_real_trained", u.accuracyRealTrained());
    Json.put(node, "accuracy_synthetic_trained", u.accuracySyntheticTrained());
    Json.put(node, "ratio", u.ratio());
  }

  private static void printUtility(PrintWriter out, Utility u) {
    out.println();
    out.printf(
        "utility (logistic regression predicting %s, tested on %d held-out real rows):%n",
        u.label(), u.holdoutRows());
    out.println("  trained on real (TRTR)         " + num(u.accuracyRealTrained()));
    out.println("  trained on synthetic (TSTR)    " + num(u.accuracySyntheticTrained()));
  }

  private static void putPrivacy(ObjectNode root, Privacy p, int maxRows) {
    Json.put(root, "dcr_median", p.dcrMedian());
    Json.put(root, "dcr_baseline_median", p.dcrBaselineMedian());
    Json.put(root, "dcr_baseline_protection", p.dcrBaselineProtection());
    Json.put(root, "exact_copy_share", p.exactCopyShare());
    ObjectNode sub = root.putObject("subsample");
    sub.put("max_rows", maxRows);
    sub.put("rows_real", p.realRows());
    sub.put("rows_synthetic", p.syntheticRows());
  }

  private void printDriftAndPrivacy(PrintWriter out, Drift drift, Privacy p) {
    out.println();
    out.printf(
        "drift: %d of %d columns drifted (share %s); dataset drift: %s%n",
        drift.columns().values().stream().filter(Drift.ColumnDrift::drifted).count(),
        drift.columns().size(),
        num(drift.shareDrifted()),
        drift.datasetDrift() ? "yes" : "no");
    drift
        .columns()
        .forEach(
            (name, d) -> {
              if (d.drifted()) {
                out.printf(
                    "  %s: %s %s (threshold %s)%n",
                    name, d.test().id(), num(d.statistic()), num(d.threshold()));
              }
            });
    out.println();
    out.printf(
        "privacy (on %d real x %d synthetic rows, subsample of at most %d a side, seed %d):%n",
        p.realRows(), p.syntheticRows(), maxRows, seed);
    out.println("  exact copies of real rows      " + num(p.exactCopyShare()) + " (all rows)");
    out.println("  median distance to closest     " + num(p.dcrMedian()));
    out.println("  DCR baseline protection        " + num(p.dcrBaselineProtection()));
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
    Json.put(root, "frechet_distance_encoded", f.frechetDistanceEncoded());
    Json.put(root, "contingency_similarity", f.contingencySimilarity());
    Json.put(root, "quality_score", f.qualityScore());
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
    out.println("Frechet distance (encoded)     " + num(f.frechetDistanceEncoded()));
    out.println("contingency similarity         " + num(f.contingencySimilarity()));
    out.println("quality score                  " + num(f.qualityScore()));
  }

  /** Detection, PRDC and MMD on the privacy figures' seeded subsamples. */
  private SampleFigures sampleFigures(TablePair subsamples) {
    Seed root = Seed.of(seed);
    Table r = subsamples.real();
    Table s = subsamples.synthetic();
    return new SampleFigures(Detection.of(r, s, root), Prdc.of(r, s), Mmd.of(r, s, root));
  }

  private record SampleFigures(Detection detection, Prdc prdc, Mmd mmd) {
    void putJson(ObjectNode root) {
      Json.put(root, "detection_auc", detection.auc());
      Json.put(root, "detection_score", detection.score());
      ObjectNode p = root.putObject("prdc");
      Json.put(p, "precision", prdc.precision());
      Json.put(p, "recall", prdc.recall());
      Json.put(p, "density", prdc.density());
      Json.put(p, "coverage", prdc.coverage());
      ObjectNode m = root.putObject("mmd");
      Json.put(m, "mmd2", mmd.mmd2());
      Json.put(m, "p_value", mmd.pValue());
      Json.put(m, "bandwidth", mmd.bandwidth());
    }

    void print(PrintWriter out) {
      out.println();
      out.printf(
          "real vs synthetic (on the same %d x %d rows):%n",
          detection.realRows(), detection.syntheticRows());
      out.println(
          "  detection AUC                  "
              + num(detection.auc())
              + " (score "
              + num(detection.score())
              + ", logistic regression, "
              + detection.folds()
              + " folds)");
      out.println(
          "  PRDC (k = "
              + prdc.k()
              + ")                   precision "
              + num(prdc.precision())
              + ", recall "
              + num(prdc.recall())
              + ", density "
              + num(prdc.density())
              + ", coverage "
              + num(prdc.coverage()));
      out.println(
          "  MMD^2 (RBF, median heuristic)  "
              + num(mmd.mmd2())
              + " (p "
              + num(mmd.pValue())
              + ", "
              + mmd.permutations()
              + " permutations, bandwidth "
              + num(mmd.bandwidth())
              + ")");
    }
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return NumberText.format(Double.parseDouble(String.format(Locale.ROOT, "%.4g", v)));
  }

  /**
   * The figures' stages as one progress task, "compare: 3 of 6, privacy", so that a long comparison
   * (a million rows a side takes tens of seconds) shows where it is.
   */
  static final class Stages {
    private final Progress progress;
    private final int total;
    private int done = -1;
    private final long start = System.nanoTime();

    Stages(Progress progress, boolean holdout, boolean label) {
      this.progress = progress;
      this.total = 5 + (holdout ? 1 : 0) + (label ? 1 : 0);
    }

    void next(String stage) {
      done++;
      progress.update("compare", done, total, stage);
    }

    void done() {
      progress.update(
          "compare",
          total,
          total,
          String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9));
    }
  }
}
