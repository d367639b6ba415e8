package dev.gauntlet.cli;

import static dev.gauntlet.UserInputException.quote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.Table;
import dev.gauntlet.evaluation.OutcomeMetric;
import dev.gauntlet.evaluation.Outcomes;
import dev.gauntlet.evaluation.SliceReport;
import dev.gauntlet.evaluation.Slices;
import dev.gauntlet.evaluation.WeakSegments;
import dev.gauntlet.metrics.Calibration;
import dev.gauntlet.metrics.ClassificationMetrics;
import dev.gauntlet.metrics.MetricValues;
import dev.gauntlet.model.ClassProbabilities;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gauntlet evaluate --predictions P.csv}: performance and calibration of predictions. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    header = "Measure a classifier's predictions.",
    description = {
      "Measure a classifier's predictions: accuracy, precision / recall / F1 (per class, macro,",
      "weighted), ROC AUC, PR AUC, log loss, Brier score, ECE and MCE (10 bins (lo, hi], the",
      "first [0, 0.1]), and the confusion matrix.",
      "",
      "The predictions file has a y_true column and one p_<class> column per class holding that",
      "class's probability (a row's sum to 1, within 0.01; a value at most 1e-6 outside [0, 1],",
      "float32 rounding, counts as 0 or 1); y_true values name the classes (an empty one is",
      "refused, as every Gauntlet accuracy refuses a missing label). With two classes the",
      "positive class is the second p_ column. Any other columns are features of the rows: then",
      "accuracy by slice (each level, each numeric quartile) with the worst slice of at least",
      "5 %% of rows, and the weakest segments (one- and two-column conditions ranked by error",
      "rate) follow."
    })
final class EvaluateCommand implements Callable<Integer> {
  static final String TRUTH = "y_true";
  static final String PREFIX = "p_";

  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "P.csv",
      description = "CSV with y_true and p_<class> columns.")
  Path predictions;

  @picocli.CommandLine.Mixin DelimiterOption delimiterOption = new DelimiterOption();

  @Option(
      names = "--json",
      description =
          "Print JSON instead of a summary: each figure the catalogue defines (gauntlet metrics)"
              + " at the top level under its id; the others under details, per_class,"
              + " confusion_matrix, reliability and the slice sections.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** How far from 1 a row's probabilities may sum: rounding, which log loss renormalises away. */
  static final double SUM_TOLERANCE = 0.01;

  /** The probability in a p_ field (text), or a user error at its row and column. */
  private double probability(String text, int row, String column) {
    double v = text != null && NumberText.isNumber(text) ? NumberText.parse(text) : Double.NaN;
    if (v >= -Calibration.TOLERANCE && v <= 1 + Calibration.TOLERANCE) {
      return Math.min(1, Math.max(0, v)); // float32 rounding such as 1.0000001
    }
    String fix;
    if (text == null) {
      fix = "write the model's probability of class " + quote(column.substring(2)) + " there";
    } else if (text.matches("[+-]?[0-9]*,[0-9]+")) {
      fix = "write decimals with a point: " + text.replace(',', '.');
    } else {
      fix =
          "write the model's probability of class "
              + quote(column.substring(2))
              + " as a number from 0 to 1";
    }
    throw new UserInputException(
        predictions + ":" + (row + 2) + " (column " + quote(column) + ")",
        text == null ? "an empty field" : quote(text),
        "a probability within [0, 1] (within "
            + Calibration.TOLERANCE
            + " for rounding), such as 0.25",
        fix);
  }

  @Override
  public Integer call() throws Exception {
    Character delimiter = delimiterOption.value();
    Table header =
        Csv.read(predictions, CsvOptions.defaults().withDelimiter(delimiter)).slice(0, 0);
    List<String> probabilityColumns =
        header.schema().names().stream().filter(n -> n.startsWith(PREFIX)).toList();
    if (!header.schema().contains(TRUTH)) {
      throw new UserInputException(
          predictions + " (header)",
          "columns " + header.schema().names(),
          "a column named " + TRUTH + " holding each row's true class",
          "rename the true-class column to " + TRUTH);
    }
    if (probabilityColumns.size() < 2) {
      throw new UserInputException(
          predictions + " (header)",
          probabilityColumns.size() + " p_<class> column(s)",
          "one p_<class> column per class, at least two",
          "add a probability column per class, e.g. p_yes,p_no");
    }
    // the p_ columns are read as text so that a bad value gets evaluate's own message
    CsvOptions options =
        CsvOptions.defaults().withDelimiter(delimiter).withType(TRUTH, ColumnType.CATEGORICAL);
    for (String c : probabilityColumns) {
      options = options.withType(c, ColumnType.CATEGORICAL);
    }
    Table table = CsvInput.read(predictions, options, spec.commandLine().getErr());
    List<String> classes = probabilityColumns.stream().map(c -> c.substring(2)).toList();
    int n = table.rowCount();
    int k = classes.size();
    double[] flat = new double[n * k];
    for (int c = 0; c < k; c++) {
      CategoricalColumn col = table.categorical(probabilityColumns.get(c));
      for (int r = 0; r < n; r++) {
        flat[r * k + c] = probability(col.level(r), r, probabilityColumns.get(c));
      }
    }
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += flat[r * k + c];
      }
      if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
        throw new UserInputException(
            predictions
                + ":"
                + (r + 2)
                + " (columns "
                + String.join(", ", probabilityColumns)
                + ")",
            "probabilities that sum to " + NumberText.format(sum),
            "class probabilities that sum to 1 (within " + SUM_TOLERANCE + ") in every row",
            "write the model's class probabilities (e.g. predict_proba), not scores or"
                + " one-vs-rest outputs; only rounding is renormalised");
      }
    }
    CategoricalColumn truth = table.categorical(TRUTH);
    int[] y = new int[n];
    for (int r = 0; r < n; r++) {
      String label = truth.level(r);
      y[r] = label == null ? -1 : classes.indexOf(label);
      if (y[r] < 0) {
        throw new UserInputException(
            predictions + ":" + (r + 2) + " (column " + TRUTH + ")",
            label == null ? "an empty field: a missing label" : quote(label),
            label == null
                ? "a true class for every row whose predictions are scored, one of " + classes
                : "one of the classes named by the p_ columns: " + classes,
            label == null
                ? "drop the rows without a label, or fill them in"
                : "correct the label, or add a p_<class> column for it");
      }
    }
    ClassProbabilities probabilities = ClassProbabilities.of(classes, n, flat);
    ClassificationMetrics m = ClassificationMetrics.of(y, probabilities);
    List<String> features = new ArrayList<>(table.schema().names());
    features.remove(TRUTH);
    features.removeAll(probabilityColumns);
    Segments segments =
        features.isEmpty() ? null : Segments.of(table, new Outcomes(y, probabilities), features);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = toJson(m);
      if (segments != null) {
        segments.putJson(root);
      }
      out.println(Json.write(root));
    } else {
      print(out, m);
      if (segments != null) {
        segments.print(out);
      }
    }
    return GauntletCli.OK;
  }

  /** Accuracy by slice of the feature columns, and the weakest segments. */
  private record Segments(SliceReport slices, int minSize, WeakSegments.Report weak) {
    static Segments of(Table table, Outcomes outcomes, List<String> features) {
      SliceReport slices =
          SliceReport.byColumns(
              outcomes, table, features, Slices.DEFAULT_BINS, OutcomeMetric.accuracy());
      int minSize = (int) Math.ceil(WeakSegments.DEFAULT_MIN_SHARE * table.rowCount());
      return new Segments(
          slices, minSize, WeakSegments.withDefaults().find(table, outcomes, features));
    }

    void putJson(ObjectNode root) {
      ArrayNode bySlice = root.putArray("slices");
      for (SliceReport.Entry e : slices.entries()) {
        ObjectNode o = bySlice.addObject();
        o.put("slice", e.description());
        o.put("rows", e.size());
        Json.put(o, "accuracy", e.value());
      }
      slices
          .worstSlice(minSize)
          .ifPresent(
              e -> {
                ObjectNode o = root.putObject("worst_slice");
                o.put("slice", e.description());
                o.put("rows", e.size());
                Json.put(o, "accuracy", e.value());
                o.put("min_rows", minSize);
              });
      ArrayNode weakNode = root.putArray("weak_segments");
      for (WeakSegments.Segment s : weak.segments()) {
        ObjectNode o = weakNode.addObject();
        o.put("segment", s.description());
        o.put("rows", s.size());
        Json.put(o, "error_rate", s.errorRate());
        Json.put(o, "lift", s.lift());
      }
    }

    void print(PrintWriter out) {
      out.println();
      slices
          .worstSlice(minSize)
          .ifPresent(
              e ->
                  out.printf(
                      "worst slice (of at least %d rows): %s, accuracy %s on %d rows%n",
                      minSize, e.description(), CompareCommand.num(e.value()), e.size()));
      out.printf(
          "weakest segments (error rate overall %s):%n",
          CompareCommand.num(weak.overallErrorRate()));
      if (weak.segments().isEmpty()) {
        out.println("  none: the model errs no more on any segment than overall");
      }
      for (WeakSegments.Segment s : weak.segments()) {
        out.printf(
            "  %-50s rows %6d  error rate %s  (x%s)%n",
            s.description(),
            s.size(),
            CompareCommand.num(s.errorRate()),
            CompareCommand.num(s.lift()));
      }
    }
  }

  private ObjectNode toJson(ClassificationMetrics m) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("predictions", predictions.toString());
    ArrayNode classes = root.putArray("classes");
    m.classes().forEach(classes::add);
    if (m.classes().size() == 2) {
      root.put("positive_class", m.classes().get(1));
    }
    // every figure the catalogue defines under its id; the rest under details and the sections
    Json.putFigures(root, MetricValues.classification(m));
    ObjectNode details = root.putObject("details");
    details.put("rows", m.n());
    Json.put(details, "log_loss_raw", m.logLossRaw());
    Json.put(details, "brier_multiclass", m.brierMulticlass());
    Json.put(details, "ece_left_closed", m.calibrationLeftClosed().ece());
    ObjectNode perClass = root.putObject("per_class");
    for (int c = 0; c < m.classes().size(); c++) {
      ObjectNode pc = perClass.putObject(m.classes().get(c));
      Json.put(pc, "precision", m.precision()[c]);
      Json.put(pc, "recall", m.recall()[c]);
      Json.put(pc, "f1", m.f1()[c]);
      pc.put("support", m.support()[c]);
      Json.put(pc, "roc_auc_ovr", m.rocAucPerClass()[c]);
    }
    ArrayNode confusion = root.putArray("confusion_matrix");
    for (long[] row : m.confusion()) {
      ArrayNode r = confusion.addArray();
      for (long v : row) {
        r.add(v);
      }
    }
    ArrayNode bins = root.putArray("reliability");
    for (Calibration.Bin b : m.calibration().bins()) {
      ObjectNode o = bins.addObject();
      o.put("lo", b.lo());
      o.put("hi", b.hi());
      o.put("count", b.count());
      Json.put(o, "accuracy", b.accuracy());
      Json.put(o, "confidence", b.confidence());
    }
    return root;
  }

  private void print(PrintWriter out, ClassificationMetrics m) {
    out.printf("%s: %d rows, classes %s%n%n", predictions, m.n(), m.classes());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"accuracy", CompareCommand.num(m.accuracy())});
    rows.add(new String[] {"precision (macro)", CompareCommand.num(m.precisionMacro())});
    rows.add(new String[] {"recall (macro)", CompareCommand.num(m.recallMacro())});
    rows.add(new String[] {"F1 (macro)", CompareCommand.num(m.f1Macro())});
    rows.add(new String[] {"ROC AUC", CompareCommand.num(m.rocAuc())});
    rows.add(new String[] {"PR AUC", CompareCommand.num(m.prAuc())});
    rows.add(new String[] {"log loss", CompareCommand.num(m.logLoss())});
    rows.add(new String[] {"Brier", CompareCommand.num(m.brier())});
    rows.add(new String[] {"ECE", CompareCommand.num(m.calibration().ece())});
    rows.add(new String[] {"MCE", CompareCommand.num(m.calibration().mce())});
    for (String[] r : rows) {
      out.printf("%-18s %s%n", r[0], r[1]);
    }
    out.println();
    out.println("confusion matrix (rows: true class, columns: predicted)");
    for (int t = 0; t < m.classes().size(); t++) {
      StringBuilder b = new StringBuilder(String.format("  %-12s", m.classes().get(t)));
      for (long v : m.confusion()[t]) {
        b.append(String.format(" %8d", v));
      }
      out.println(b);
    }
  }
}
