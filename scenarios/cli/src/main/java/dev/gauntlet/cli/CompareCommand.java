package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.IdColumns;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.data.TablePair;
import dev.gauntlet.internal.AtomicFile;
import dev.gauntlet.metrics.CategoricalFidelity;
import dev.gauntlet.metrics.ColumnFidelity;
import dev.gauntlet.metrics.DcrOverfitting;
import dev.gauntlet.metrics.Detection;
import dev.gauntlet.metrics.Drift;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.MetricValues;
import dev.gauntlet.metrics.Mmd;
import dev.gauntlet.metrics.NumericFidelity;
import dev.gauntlet.metrics.Prdc;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.metrics.QualityReport;
import dev.gauntlet.metrics.Utility;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.SyntheticFigures;
import dev.gauntlet.scenario.html.HtmlReport;
import dev.gauntlet.spi.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
      "rows a side (the same row numbers on both sides when the files are as long): the exact",
      "copies among them, a logistic-regression detection test (AUC with each fold clipped",
      "at 0.5, SDMetrics' score), PRDC",
      "(precision, recall, density, coverage, k = 5) and the RBF-kernel MMD with a",
      "permutation p-value.",
      "",
      "The quality score is SDMetrics 0.29's QualityReport: the mean of column shapes",
      "(1 - KS, 1 - TVD) and column pair trends, which counts only the pairs with a real",
      "|Pearson r| > 0.5 or a real Cramer's V > 0.3, bins numbers over each table's own range",
      "and counts missing values as a category (Gauntlet's earlier score averaged every pair,",
      "binned on the real range and dropped missing values; SDMetrics' pre-0.27 figure, every",
      "pair, is in the JSON as quality_score_unthresholded). Above 50,000 rows SDMetrics samples",
      "contingency pairs at random; Gauntlet uses every row.",
      "",
      "A column is numeric when it is numeric in both files; both files need the same columns",
      "and at least 2 data rows.",
      "",
      "Id columns are kept out of every figure: those given with --id, and categorical columns",
      "of REAL.csv with distinct values in at least 95%% of at least 50 rows (unless --not-id);",
      "stderr says which they are. A categorical column costs the models and encoded figures",
      "at most 100 features: its rarer levels beyond that share one."
    })
final class CompareCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "REAL.csv", description = "The real (reference) data.")
  Path real;

  @Parameters(index = "1", paramLabel = "SYNTH.csv", description = "The data to compare with it.")
  Path synthetic;

  @Mixin ColumnTypeOptions types;

  @Mixin IdOptions idOptions;

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
              + " columns only; categorical columns keep the default (chi-square up to 1000"
              + " reference rows, else Jensen-Shannon), which the output marks with *. Each"
              + " column shows its statistic and, for ks and chisquare, its p-value; a column"
              + " whose test cannot be computed (all missing on a side) is undetermined.")
  String driftTest;

  @Option(
      names = "--bonferroni",
      description =
          "Divide the drift p-value threshold by the number of columns. It changes only columns"
              + " tested by p-value (ks, chisquare), not the distance tests (Evidently's defaults"
              + " above 1000 reference rows); the output says which columns it applied to.")
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

  @Option(
      names = "--json",
      description =
          "Print JSON instead of a table: each figure the catalogue defines (gauntlet metrics)"
              + " at the top level under its id; the others under details, columns,"
              + " column_pairs, drift, subsample and ids.")
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
    PrintWriter err = spec.commandLine().getErr();
    List<Table> tables =
        new ArrayList<>(
            TablePair.readAligned(
                files,
                options,
                exclude,
                read -> {
                  CsvInput.notify(read, err);
                  read.requireRows();
                }));
    // ids are found in the real table and are ids in the others too
    IdColumns.Marked ids = idOptions.mark(tables.get(0), err);
    tables.replaceAll(ids::applyTo);
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
      throw pair.real().schema().unknownColumn("--label " + UserInputException.quote(label), label);
    }
    if (label != null && ids.names().contains(label)) {
      throw new UserInputException(
          "--label " + UserInputException.quote(label),
          "an id column (" + IdOptions.describe(ids).lines().findFirst().orElse("") + ")",
          "a label that is data, not an id",
          "choose another --label, or add --not-id " + label);
    }
    if (label != null) {
      for (int i = 0; i < tables.size(); i++) {
        checkLabelPresent(files.get(i), tables.get(i), label);
      }
    }
    if (ids.names().size() == pair.real().columnCount()) {
      throw new UserInputException(
          real.toString(),
          "only id columns " + ids.names(),
          "at least one column that is data, to compare",
          "declare some of them data with --not-id");
    }
    // distributions, tests and distances need two rows a side; fewer gave n/a or internal errors
    for (int i = 0; i < tables.size(); i++) {
      int rows = tables.get(i).rowCount();
      if (rows < 2) {
        throw new UserInputException(
            files.get(i).toString(),
            "1 data row", // none was refused on reading, as in every command
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
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("real", real.toString());
      root.put("synthetic", synthetic.toString());
      if (holdout != null) {
        root.put("holdout", holdout.toString());
      }
      // every figure the catalogue defines under its id; the rest under details and the sections
      Json.putFigures(root, figures(fidelity, drift, privacy, overfitting, utility, sample));
      ObjectNode details = root.putObject("details");
      details.put("rows_real", fidelity.rowsReal());
      details.put("rows_synthetic", fidelity.rowsSynthetic());
      details.put("seed", seed);
      putFidelityDetails(details, fidelity);
      putPrivacyDetails(details, privacy);
      if (overfitting != null) {
        ObjectNode o = details.putObject("dcr_overfitting");
        o.put("synthetic_rows", overfitting.syntheticRows());
        Json.put(o, "closer_to_training", overfitting.closerToTraining());
      }
      if (utility != null) {
        putUtility(details.putObject("utility"), utility);
      }
      sample.putDetails(details);
      putColumns(root, fidelity, pair.real().schema());
      putDrift(root.putObject("drift"), drift);
      ObjectNode sub = root.putObject("subsample");
      sub.put("max_rows", maxRows);
      sub.put("rows_real", privacy.realRows());
      sub.put("rows_synthetic", privacy.syntheticRows());
      ObjectNode idNode = root.putObject("ids");
      ids.ids().forEach(id -> idNode.put(id.column(), id.reason().name().toLowerCase(Locale.ROOT)));
      out.println(Json.write(root));
    } else {
      print(out, fidelity, pair.real().schema());
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
      if (!ids.names().isEmpty()) {
        out.println();
        out.println(
            "id columns, kept out of every figure above: " + String.join(", ", ids.names()));
      }
    }
    return GauntletCli.OK;
  }

  /**
   * A missing label is refused here, naming the file and row: the models of the utility figure
   * refuse it too, but on a split of the rows, where neither is known.
   */
  private static void checkLabelPresent(Path file, Table table, String label) {
    var column = table.column(label);
    for (int r = 0; r < table.rowCount(); r++) {
      if (column.isMissing(r)) {
        throw new UserInputException(
            file
                + ", data row "
                + (r + 1)
                + " (label column "
                + UserInputException.quote(label)
                + ")",
            "a missing label (" + column.missingCount() + " of " + table.rowCount() + " rows)",
            "a class in every row: the utility figure trains models on " + file.getFileName(),
            "drop the rows without a label, or fill them in");
      }
    }
  }

  /** The figures of the catalogue that this comparison measured, by id. */
  private static Map<String, Double> figures(
      Fidelity fidelity,
      Drift drift,
      Privacy privacy,
      DcrOverfitting overfitting,
      Utility utility,
      SampleFigures sample) {
    Map<String, Double> figures = new java.util.LinkedHashMap<>(MetricValues.fidelity(fidelity));
    figures.putAll(MetricValues.detection(sample.detection()));
    figures.putAll(MetricValues.prdc(sample.prdc()));
    figures.putAll(MetricValues.mmd(sample.mmd()));
    figures.putAll(MetricValues.privacy(privacy));
    if (overfitting != null) {
      figures.putAll(MetricValues.overfitting(overfitting));
    }
    if (utility != null) {
      figures.putAll(MetricValues.utility(utility));
    }
    figures.putAll(MetricValues.drift(drift));
    return figures;
  }

  private void writeHtml(
      TablePair pair,
      Fidelity fidelity,
      Drift drift,
      Privacy privacy,
      DcrOverfitting overfitting,
      Utility utility) {
    // the catalogue's ids, as report.json and --json name them
    Map<String, Double> scores = new java.util.LinkedHashMap<>(MetricValues.fidelity(fidelity));
    scores.putAll(MetricValues.drift(drift));
    scores.putAll(MetricValues.privacy(privacy));
    if (overfitting != null) {
      scores.putAll(MetricValues.overfitting(overfitting));
    }
    if (utility != null) {
      scores.putAll(MetricValues.utility(utility));
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
              c.put("test_chosen_by", d.forced() ? "--drift-test" : "default");
              Json.put(c, "statistic", d.statistic());
              Json.put(c, "p_value", d.pValue());
              Json.put(c, "threshold", d.threshold());
              c.put("threshold_on", d.test().isPValue() ? "p_value" : "statistic");
              c.put("verdict", d.verdict().text());
              if (d.verdict() == Drift.Verdict.UNDETERMINED) {
                c.putNull("drifted");
                c.put("reason", d.reason());
              } else {
                c.put("drifted", d.drifted());
              }
            });
    node.put("undetermined_columns", drift.count(Drift.Verdict.UNDETERMINED));
    node.put("dataset_drift", drift.datasetDrift());
    ObjectNode b = node.putObject("bonferroni");
    b.put("on", drift.options().bonferroni());
    Json.put(b, "p_value_threshold", drift.pValueThreshold());
    var applied = b.putArray("applies_to_columns");
    drift
        .columns()
        .forEach(
            (name, d) -> {
              if (d.test().isPValue()) {
                applied.add(name);
              }
            });
  }

  private static void putUtility(ObjectNode node, Utility u) {
    node.put("label", u.label());
    node.put("model", "logistic-regression");
    node.put("train_real_rows", u.trainRealRows());
    node.put("holdout_rows", u.holdoutRows());
  }

  private static void printUtility(PrintWriter out, Utility u) {
    out.println();
    out.printf(
        "utility (logistic regression predicting %s, tested on %d held-out real rows):%n",
        u.label(), u.holdoutRows());
    out.println("  trained on real (TRTR)         " + num(u.accuracyRealTrained()));
    out.println("  trained on synthetic (TSTR)    " + num(u.accuracySyntheticTrained()));
  }

  /** Privacy figures the catalogue does not define. */
  private static void putPrivacyDetails(ObjectNode details, Privacy p) {
    Json.put(details, "dcr_baseline_median", p.dcrBaselineMedian());
    Json.put(details, "exact_copy_share_compared", p.comparedCopyShare());
  }

  private void printDriftAndPrivacy(PrintWriter out, Drift drift, Privacy p) {
    out.println();
    out.printf(
        "drift: %d of %d columns drifted (share %s); dataset drift: %s%n",
        drift.columns().values().stream().filter(Drift.ColumnDrift::drifted).count(),
        drift.columns().size(),
        num(drift.shareDrifted()),
        drift.datasetDrift() ? "yes" : "no");
    long undetermined = drift.count(Drift.Verdict.UNDETERMINED);
    if (undetermined > 0) {
      out.printf(
          "  %d of %d columns undetermined (not counted as drifted)%n",
          undetermined, drift.columns().size());
    }
    int width =
        Math.max(6, drift.columns().keySet().stream().mapToInt(String::length).max().orElse(0));
    drift
        .columns()
        .forEach(
            (name, d) -> {
              String figure =
                  d.test().isPValue()
                      ? "statistic " + num(d.statistic()) + ", p " + num(d.pValue())
                      : "distance " + num(d.statistic());
              String threshold =
                  (d.test().isPValue() ? "p < " : "distance >= ") + num(d.threshold());
              out.printf(
                  "  %-" + width + "s  %-13s  %s (drift at %s): %s%s%n",
                  name,
                  d.test().id() + (d.forced() ? "" : "*"),
                  figure,
                  threshold,
                  d.verdict().text(),
                  d.reason() == null ? "" : ", " + d.reason());
            });
    out.println("  * the default test for the column (Evidently's choice by type, size, values)");
    printDriftTestNotes(out, drift);
    out.println();
    out.printf(
        "privacy (on %d real x %d synthetic rows, subsample of at most %d a side, seed %d):%n",
        p.realRows(), p.syntheticRows(), maxRows, seed);
    out.println(
        "  exact copies of real rows      "
            + num(p.exactCopyShare())
            + " (all rows; "
            + num(p.comparedCopyShare())
            + " of the compared rows, whose distance is 0)");
    out.println("  median distance to closest     " + num(p.dcrMedian()));
    out.println("  DCR baseline protection        " + num(p.dcrBaselineProtection()));
  }

  /** Says which columns a forced test left to the default, and what --bonferroni changed. */
  private static void printDriftTestNotes(PrintWriter out, Drift drift) {
    Drift.Test forced = drift.options().forcedTest();
    if (forced != null && forced.numericOnly()) {
      List<String> kept =
          drift.columns().entrySet().stream()
              .filter(e -> !e.getValue().forced())
              .map(Map.Entry::getKey)
              .toList();
      if (!kept.isEmpty()) {
        out.printf(
            "  --drift-test %s applies to numeric columns; categorical %s kept the default%n",
            forced.id(), kept);
      }
    }
    if (drift.options().bonferroni()) {
      long pColumns = drift.columns().values().stream().filter(d -> d.test().isPValue()).count();
      if (pColumns == 0) {
        out.println(
            "  --bonferroni changed nothing: every column was tested by a distance, which has no"
                + " p-value");
      } else {
        out.printf(
            "  --bonferroni: p-value threshold %s / %d columns = %s, applied to the %d columns"
                + " tested by p-value%n",
            num(drift.options().pValueThreshold()),
            drift.columns().size(),
            num(drift.pValueThreshold()),
            pColumns);
      }
    }
  }

  /** The per-column table and the column pairs' trend scores: details of the fidelity figures. */
  private static void putColumns(ObjectNode root, Fidelity f, Schema realSchema) {
    ObjectNode columns = root.putObject("columns");
    for (Map.Entry<String, ColumnFidelity> e : f.columns().entrySet()) {
      ObjectNode c = columns.putObject(e.getKey());
      if (e.getValue() instanceof NumericFidelity n) {
        c.put("type", realSchema.spec(e.getKey()).type().id()); // numeric or datetime
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
      c.put("shape_metric", f.quality().columns().get(e.getKey()).metric().sdmetricsName());
    }
    var q = f.quality();
    var pairs = root.putArray("column_pairs");
    for (QualityReport.PairTrend p : q.pairs()) {
      ObjectNode o = pairs.addObject();
      o.putArray("columns").add(p.first()).add(p.second());
      o.put("metric", p.metric().sdmetricsName());
      Json.put(o, "score", p.score());
      o.put("meets_threshold", p.meetsThreshold());
      Json.put(o, "real_correlation", p.realCorrelation());
      Json.put(o, "synthetic_correlation", p.syntheticCorrelation());
      Json.put(o, "real_association", p.realAssociation());
    }
  }

  /** Fidelity figures the catalogue does not define. */
  private static void putFidelityDetails(ObjectNode details, Fidelity f) {
    QualityReport q = f.quality();
    Json.put(details, "quality_score_unthresholded", q.scoreUnthresholded());
    Json.put(details, "column_pair_trends_unthresholded", q.columnPairTrendsUnthresholded());
    Json.put(details, "contingency_similarity_shared_bins", f.contingencySimilaritySharedBins());
  }

  /**
   * A distance between date-times, which are compared in epoch seconds, with its unit: seconds, and
   * days beside them from a day on (JSON keeps the seconds alone).
   */
  static String duration(double seconds) {
    if (Double.isNaN(seconds)) {
      return num(seconds);
    }
    if (Double.isInfinite(seconds) || Math.abs(seconds) < 86_400) {
      return num(seconds) + " s";
    }
    return num(seconds) + " s (" + num(seconds / 86_400) + " days)";
  }

  private void print(PrintWriter out, Fidelity f, Schema realSchema) {
    out.printf(
        "%s (%d rows) vs %s (%d rows)%n%n", real, f.rowsReal(), synthetic, f.rowsSynthetic());
    int width = Math.max(6, f.columns().keySet().stream().mapToInt(String::length).max().orElse(0));
    out.printf("%-" + width + "s  %-11s  %s%n", "column", "type", "figures");
    for (Map.Entry<String, ColumnFidelity> e : f.columns().entrySet()) {
      String figures;
      String type;
      if (e.getValue() instanceof NumericFidelity n) {
        type = realSchema.spec(e.getKey()).type().id(); // numeric or datetime
        figures =
            "KS "
                + num(n.ks().statistic())
                + " (p "
                + num(n.ks().pValue())
                + "), Wasserstein "
                + (type.equals("datetime") ? duration(n.wasserstein()) : num(n.wasserstein()))
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
    out.println("  with bins shared (Gauntlet)  " + num(f.contingencySimilaritySharedBins()));
    QualityReport q = f.quality();
    out.println("quality score (SDMetrics 0.29) " + num(q.score()));
    out.println("  column shapes                " + num(q.columnShapes()));
    out.printf(
        "  column pair trends           %s (%d of %d pairs meet the thresholds)%n",
        num(q.columnPairTrends()),
        q.pairs().stream().filter(QualityReport.PairTrend::meetsThreshold).count(),
        q.pairs().size());
  }

  /** Detection, PRDC and MMD on the privacy figures' seeded subsamples. */
  private SampleFigures sampleFigures(TablePair subsamples) {
    Seed root = Seed.of(seed);
    Table r = subsamples.real();
    Table s = subsamples.synthetic();
    return new SampleFigures(Detection.of(r, s, root), Prdc.of(r, s), Mmd.of(r, s, root));
  }

  private record SampleFigures(Detection detection, Prdc prdc, Mmd mmd) {
    /** Detection and MMD figures the catalogue does not define (PRDC's four it all defines). */
    void putDetails(ObjectNode details) {
      ObjectNode d = details.putObject("detection");
      Json.put(d, "auc", detection.auc());
      Json.array(d, "fold_auc", detection.foldAuc().stream().mapToDouble(x -> x).toArray());
      ObjectNode m = details.putObject("mmd");
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
