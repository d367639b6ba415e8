package dev.gauntlet.examples;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.ClassificationMetrics;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.metrics.Utility;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Labels;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Story 2: a team has 300 labelled customers of telco_churn. Each generator (the Gaussian copula,
 * the VAE, the GAN) is fitted on them and draws {@code rows} synthetic rows; their fidelity,
 * privacy (exact copies, distance to the closest real row) and utility (train on synthetic, test on
 * real rows the generator never saw) are put side by side, and so is what adding synthetic churners
 * (the scarce class) to the 300 real rows does to a logistic regression's balanced accuracy.
 *
 * <pre>
 * java dev.gauntlet.examples.ScarceData data/telco_churn.csv [seed]
 * </pre>
 */
public final class ScarceData {
  /** The target column of telco_churn. */
  public static final String LABEL = "churn";

  /** The scarce class (26.5 % of the rows). */
  public static final String SCARCE = "Yes";

  /** The real rows the team has. */
  public static final int REAL_ROWS = 300;

  private ScarceData() {}

  /**
   * One generator's figures.
   *
   * @param generator its registered name
   * @param rows rows drawn
   * @param qualityScore fidelity: the mean of the column-shape and pair-trend scores, 0 to 1
   * @param exactCopyShare synthetic rows equal to a real training row
   * @param dcrBaselineProtection the privacy margin over a fresh real sample (see {@link Privacy})
   * @param utility accuracy on real held-out rows of models trained on real and on synthetic rows
   * @param balancedAccuracyAugmented the held-out balanced accuracy of a model trained on the 300
   *     real rows plus this generator's synthetic churners
   */
  public record Figures(
      String generator,
      int rows,
      double qualityScore,
      double exactCopyShare,
      double dcrBaselineProtection,
      Utility utility,
      double balancedAccuracyAugmented) {}

  /**
   * What one run measured.
   *
   * @param balancedAccuracyReal the held-out balanced accuracy of the model trained on the real
   *     rows
   * @param figures one entry per generator, in the order asked
   */
  public record Result(double balancedAccuracyReal, List<Figures> figures) {}

  /**
   * Runs the story.
   *
   * @param generators each generator's name and its parameters (small epochs keep a test fast)
   * @param rows synthetic rows each generator draws (the story uses 10,000)
   */
  public static Result run(
      Path churnCsv, Map<String, Map<String, String>> generators, int rows, Seed seed) {
    Table all = Csv.read(churnCsv, CsvOptions.defaults().withLabel(LABEL));
    // the team's 300 rows; the rest of the file is the world the model meets later
    Split scarce = all.stratifiedSplit(LABEL, 1 - (double) REAL_ROWS / all.rowCount(), seed);
    Table real = scarce.train();
    Table holdout = scarce.test();
    double realOnly = balancedAccuracy(LogisticRegression.trainer(LABEL).fit(real), holdout);
    List<Figures> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> g : generators.entrySet()) {
      Generator fitted =
          Registry.generators().get(g.getKey()).fit(real, g.getValue(), seed.derive(g.getKey()));
      Table synthetic = fitted.sample(seed.derive(g.getKey()).derive("rows"), rows);
      Privacy privacy = Privacy.of(real, synthetic, 2000, seed.derive("privacy"));
      Utility utility = Utility.of(new Split(real, holdout), synthetic, LABEL);
      Table churners = synthetic.filter(r -> SCARCE.equals(label(synthetic, r)));
      // as many synthetic churners as there are real stayers: the classes balance
      int stayers = real.filter(r -> !SCARCE.equals(label(real, r))).rowCount();
      int realChurners = real.rowCount() - stayers;
      Table added = churners.slice(0, Math.min(churners.rowCount(), stayers - realChurners));
      Classifier augmented = LogisticRegression.trainer(LABEL).fit(real.concat(added));
      out.add(
          new Figures(
              g.getKey(),
              rows,
              Fidelity.compare(real, synthetic).qualityScore(),
              privacy.exactCopyShare(),
              privacy.dcrBaselineProtection(),
              utility,
              balancedAccuracy(augmented, holdout)));
    }
    return new Result(realOnly, out);
  }

  private static String label(Table t, int row) {
    return t.categorical(LABEL).level(row);
  }

  /** Balanced accuracy: the mean recall over the classes. */
  static double balancedAccuracy(Classifier model, Table test) {
    Labels y = Labels.of(test, LABEL);
    return ClassificationMetrics.of(y.y(), model.predictProba(test)).recallMacro();
  }

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: ScarceData <telco_churn.csv> [seed, default 0]");
      System.exit(2);
    }
    Seed seed = Seed.of(args.length == 2 ? Long.parseLong(args[1]) : 0);
    Map<String, Map<String, String>> generators = new LinkedHashMap<>();
    generators.put("gaussian-copula", Map.of());
    generators.put("vae", Map.of("progress", "false"));
    generators.put("gan", Map.of("progress", "false"));
    Result r = run(Path.of(args[0]), generators, 10_000, seed);
    System.out.printf(
        Locale.ROOT,
        "300 real rows: balanced accuracy %.3f on the other rows (seed = %s)%n",
        r.balancedAccuracyReal(),
        seed);
    System.out.println(
        "generator        quality  exact-copies  dcr-protection  TSTR   TRTR   +churners");
    for (Figures f : r.figures()) {
      System.out.printf(
          Locale.ROOT,
          "%-16s %.3f    %.4f        %.3f           %.3f  %.3f  %.3f%n",
          f.generator(),
          f.qualityScore(),
          f.exactCopyShare(),
          f.dcrBaselineProtection(),
          f.utility().accuracySyntheticTrained(),
          f.utility().accuracyRealTrained(),
          f.balancedAccuracyAugmented());
    }
  }
}
