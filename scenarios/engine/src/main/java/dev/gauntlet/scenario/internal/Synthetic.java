package dev.gauntlet.scenario.internal;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Drift;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.MetricValues;
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
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * The synthetic-data variant's rows and their report: a generator fitted on the training rows draws
 * as many rows as there are training rows (or {@code rows}); their fidelity, privacy and utility
 * are measured against the training rows once (they do not depend on the severity) and reported at
 * every severity. The severity decides the rows the model is refitted on ({@link #trainingRows}).
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

  /** The variant's own parameters; the others go to the generator. */
  static final List<String> OWN = List.of("generator", "rows", "add-class");

  /** The most rows a synthetic variant may draw. */
  static final int MAX_ROWS = 10_000_000;

  /** The rows to draw: {@code rows}, else as many as there are training rows. */
  static int rowCount(Map<String, String> params, int trainRows, String where) {
    String text = params.get("rows");
    if (text == null) {
      return trainRows;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= MAX_ROWS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserInputException(
        where + ".rows)",
        UserInputException.quote(text),
        "a whole number of rows within [1, " + MAX_ROWS + "]",
        "e.g. rows: 10000");
  }

  /** Fits the generator ({@code seed.derive("fit")}) and draws rows ({@code derive("rows")}). */
  static Table rows(Table train, Map<String, String> params, Seed seed, String where) {
    int count = rowCount(params, train.rowCount(), where);
    Map<String, String> generatorParams = new LinkedHashMap<>(params);
    String name = generatorParams.get("generator");
    generatorParams.keySet().removeAll(OWN);
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
    Table drawn = g.sample(seed.derive("rows"), count);
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

  /**
   * The rows the model is refitted on at severity {@code s} above 0, drawn with {@code rng}.
   * Without {@code addClass}: {@code round(s x n)} of the n training rows, chosen at random, are
   * replaced by the first synthetic rows. With it: the first {@code round(s x gap)} synthetic rows
   * of that class are added to the training rows, where gap is how many rows the class has fewer
   * than the largest class (severity 1 balances them; fewer when the generator drew fewer of the
   * class).
   */
  static Table trainingRows(
      Table train,
      Table synthetic,
      double s,
      String label,
      String addClass,
      UniformRandomProvider rng) {
    if (addClass != null) {
      int[] counts = classCounts(train, label);
      int code = train.categorical(label).levels().indexOf(addClass);
      int largest = java.util.Arrays.stream(counts).max().orElse(0);
      int wanted = (int) Math.round(s * (largest - counts[code]));
      Table ofClass = synthetic.filter(r -> addClass.equals(synthetic.categorical(label).level(r)));
      return train.concat(ofClass.slice(0, Math.min(wanted, ofClass.rowCount())));
    }
    int n = train.rowCount();
    int k = Math.min((int) Math.round(s * n), synthetic.rowCount());
    int[] perm = PermutationSampler.natural(n);
    PermutationSampler.shuffle(rng, perm);
    boolean[] replaced = new boolean[n];
    for (int i = 0; i < k; i++) {
      replaced[perm[i]] = true;
    }
    List<Table> parts = new ArrayList<>();
    if (k < n) {
      parts.add(Variants.without(train, replaced));
    }
    if (k > 0) {
      parts.add(synthetic.slice(0, k));
    }
    return Table.concat(parts);
  }

  private static int[] classCounts(Table t, String label) {
    dev.gauntlet.data.CategoricalColumn c = t.categorical(label);
    int[] counts = new int[c.levels().size()];
    for (int r = 0; r < t.rowCount(); r++) {
      if (!c.isMissing(r)) {
        counts[c.code(r)]++;
      }
    }
    return counts;
  }

  /**
   * {@code add-class}, checked against the label's classes: null when not given.
   *
   * @throws UserInputException when the label is not categorical or the class is not one of it
   */
  static String addClass(Map<String, String> params, Table train, String label, String where) {
    String c = params.get("add-class");
    if (c == null) {
      return null;
    }
    if (train.column(label).type() != dev.gauntlet.data.ColumnType.CATEGORICAL) {
      throw new UserInputException(
          where + ".add-class)",
          "add-class with the numeric label " + label,
          "a categorical label",
          "remove add-class, or give the label as categorical (data.types)");
    }
    List<String> levels = train.categorical(label).levels();
    if (!levels.contains(c)) {
      throw new UserInputException(
          where + ".add-class)",
          UserInputException.quote(c),
          "one of the label's classes " + levels,
          c.equals("true") || c.equals("false")
              ? "quote the class: YAML reads Yes, No, On, Off unquoted as true or false"
              : "name a class of " + label);
    }
    return c;
  }

  /** The catalogue figures by id, and the per-column figures for the HTML report. */
  record Report(Map<String, Double> metrics, SyntheticFigures figures) {}

  /**
   * Fidelity, privacy and utility of {@code synthetic} against {@code train}, and drift. Utility
   * (TSTR and TRTR accuracy of a logistic regression) only with {@code classes}: both models are
   * tested on the scenario's {@code test} rows, which the generator never saw, so every synthetic
   * variant of a scenario has the same TRTR baseline. For a numeric label the variant's own sweep
   * is the utility, the scenario's regressor trained on synthetic rows (severity 1) and tested on
   * real ones.
   */
  static Report report(
      Table train, Table test, Table synthetic, String label, Seed seed, boolean classes) {
    List<String> ids = train.schema().names(ColumnRole.ID);
    String[] idNames = ids.toArray(String[]::new);
    Table real = ids.isEmpty() ? train : train.drop(idNames);
    Table syn = ids.isEmpty() ? synthetic : synthetic.drop(idNames);
    Fidelity f = Fidelity.compare(real, syn);
    Privacy p = Privacy.of(real, syn, PRIVACY_ROWS, seed.derive("privacy"));
    // the figures as compare computes them (one definition), then the ones a variant reports
    Map<String, Double> all = new LinkedHashMap<>(MetricValues.fidelity(f));
    all.putAll(MetricValues.privacy(p));
    if (classes) {
      Table unseen = ids.isEmpty() ? test : test.drop(idNames);
      all.putAll(MetricValues.utility(Utility.of(new Split(real, unseen), syn, label)));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (String id : METRICS) {
      if (all.containsKey(id)) {
        out.put(id, all.get(id));
      }
    }
    Drift drift = Drift.of(real, syn, Drift.Options.defaults());
    return new Report(out, SyntheticFigures.of(real, syn, f, drift));
  }
}
