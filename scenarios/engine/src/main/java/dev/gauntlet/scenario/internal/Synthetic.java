package dev.gauntlet.scenario.internal;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.ColumnFidelity;
import dev.gauntlet.metrics.Drift;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.metrics.Utility;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.SyntheticFigures;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic-data variant's rows and their report: a generator fitted on the training rows draws
 * as many rows as there are training rows; their fidelity, privacy and utility are measured against
 * the training rows once (they do not depend on the severity) and reported at every severity.
 */
final class Synthetic {
  /** The catalogue ids a synthetic variant reports. */
  static final List<String> METRICS =
      List.of(
          "quality_score",
          "column_shapes",
          "column_pair_trends",
          "correlation_similarity",
          "contingency_similarity",
          "frechet_distance_standardized",
          "exact_copy_rate",
          "dcr_median",
          "dcr_baseline_protection",
          "tstr_accuracy",
          "trtr_accuracy",
          "utility_ratio");

  /** Rows a side for the quadratic privacy figures. */
  static final int PRIVACY_ROWS = 2000;

  private Synthetic() {}

  /** Fits the generator ({@code seed.derive("fit")}) and draws rows ({@code derive("rows")}). */
  static Table rows(Table train, Map<String, String> params, Seed seed, String where) {
    Map<String, String> generatorParams = new LinkedHashMap<>(params);
    String name = generatorParams.remove("generator");
    GeneratorProvider provider;
    try {
      provider = Registry.generators().get(name == null ? "gaussian-copula" : name);
    } catch (UserInputException e) {
      throw new UserInputException(where + ".generator)", e.found(), e.expected(), e.fix(), e);
    }
    Generator g;
    try {
      g = provider.fit(train, generatorParams, seed.derive("fit"));
    } catch (FieldException e) {
      throw new UserInputException(
          where + "." + e.pathText() + ")",
          e.found(),
          e.expected(),
          e.fix() == null ? "see gauntlet generate --list" : e.fix(),
          e);
    }
    Table drawn = g.sample(seed.derive("rows"), train.rowCount());
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec c : train.schema().columns()) {
      if (!drawn.schema().contains(c.name()) || drawn.column(c.name()).type() != c.type()) {
        throw new UserInputException(
            where + ".generator)",
            "generator " + provider.name() + " without a " + c.type().id() + " " + c.name(),
            "rows with the training rows' columns and types",
            "choose another generator");
      }
      columns.add(drawn.column(c.name()));
    }
    return Table.of(train.schema(), columns);
  }

  /** The catalogue figures by id, and the per-column figures for the HTML report. */
  record Report(Map<String, Double> metrics, SyntheticFigures figures) {}

  /**
   * Fidelity, privacy and utility of {@code synthetic} against {@code train}, and drift. Utility
   * (TSTR and TRTR accuracy of a logistic regression) only with {@code classes}: for a numeric
   * label the variant's own sweep is the utility, the scenario's regressor trained on synthetic
   * rows (severity 1) and tested on real ones.
   */
  static Report report(Table train, Table synthetic, String label, Seed seed, boolean classes) {
    List<String> ids = train.schema().names(ColumnRole.ID);
    Table real = ids.isEmpty() ? train : train.drop(ids.toArray(String[]::new));
    Table syn = ids.isEmpty() ? synthetic : synthetic.drop(ids.toArray(String[]::new));
    Fidelity f = Fidelity.compare(real, syn);
    double shapes =
        f.columns().values().stream().mapToDouble(ColumnFidelity::shapeScore).average().orElse(0);
    Privacy p = Privacy.of(real, syn, PRIVACY_ROWS, seed.derive("privacy"));
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("quality_score", f.qualityScore());
    out.put("column_shapes", shapes);
    // The quality score is the mean of the column-shape and the pair-trend scores.
    out.put("column_pair_trends", 2 * f.qualityScore() - shapes);
    out.put("correlation_similarity", f.correlationSimilarity());
    out.put("contingency_similarity", f.contingencySimilarity());
    out.put("frechet_distance_standardized", f.frechetDistanceStandardized());
    out.put("exact_copy_rate", p.exactCopyShare());
    out.put("dcr_median", p.dcrMedian());
    out.put("dcr_baseline_protection", p.dcrBaselineProtection());
    if (classes) {
      Utility u = Utility.of(real, syn, label, seed.derive("utility"));
      out.put("tstr_accuracy", u.accuracySyntheticTrained());
      out.put("trtr_accuracy", u.accuracyRealTrained());
      out.put("utility_ratio", u.ratio());
    }
    Drift drift = Drift.of(real, syn, Drift.Options.defaults());
    return new Report(out, SyntheticFigures.of(real, syn, f, drift));
  }
}
