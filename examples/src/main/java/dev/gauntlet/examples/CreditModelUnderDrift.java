package dev.gauntlet.examples;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.evaluation.RobustnessCurve;
import dev.gauntlet.evaluation.RobustnessSweep;
import dev.gauntlet.expectations.Expectation;
import dev.gauntlet.metrics.Utility;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A credit model put through a drifted world, in Java: train the built-in logistic regression on 70
 * % of credit_g, sweep a covariate shift of the loan's duration and amount over five severities,
 * find the severity at which {@code accuracy >= 0.7} breaks, and check that synthetic data from a
 * Gaussian copula fitted to the training rows trains a model nearly as good as the real rows do.
 *
 * <pre>
 * java dev.gauntlet.examples.CreditModelUnderDrift data/credit_g.csv [seed]
 * </pre>
 */
public final class CreditModelUnderDrift {
  /** The target column of credit_g. */
  public static final String LABEL = "class";

  /** What the model must keep doing; the breaking point is where it stops. */
  public static final Expectation EXPECTATION =
      Expectation.parse("accuracy >= 0.7 under covariate-shift");

  private CreditModelUnderDrift() {}

  /**
   * What one run measured.
   *
   * @param cleanAccuracy the model's accuracy on the held-out rows
   * @param drift accuracy under the covariate shift, severity 0 to 1
   * @param breakingPoint the lowest severity at which {@link #EXPECTATION} fails, if any
   * @param utility the held-out accuracy of models trained on real and on synthetic rows
   * @param seed the seed of the split, the shift, the bootstrap and the synthetic rows
   */
  public record Result(
      double cleanAccuracy,
      RobustnessCurve drift,
      OptionalDouble breakingPoint,
      Utility utility,
      Seed seed) {}

  public static Result run(Path creditCsv, Seed seed) {
    Table data = Csv.read(creditCsv, CsvOptions.defaults().withLabel(LABEL));
    Split split = data.stratifiedSplit(LABEL, 0.3, seed.derive("split"));
    Classifier model = LogisticRegression.trainer(LABEL).fit(split.train());

    // duration and credit amount move up by as much as 3 standard deviations at severity 1
    var shift =
        Registry.perturbations()
            .get("covariate-shift")
            .create(Map.of("column", "duration;credit_amount", "shift", "3", "label", LABEL));
    RobustnessCurve curve =
        RobustnessSweep.withDefaults()
            .withResamples(200)
            .run(model, split.test(), LABEL, "covariate-shift", shift, seed.derive("drift"));

    Generator copula =
        Registry.generators().get("gaussian-copula").fit(split.train(), Map.of(), seed);
    Table synthetic = copula.sample(seed.derive("synthetic"), split.train().rowCount());
    Utility utility = Utility.of(data, synthetic, LABEL, seed.derive("utility"));

    return new Result(
        CrossValidation.accuracy(model, split.test(), LABEL),
        curve,
        curve.breakingPoint(EXPECTATION),
        utility,
        seed);
  }

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: CreditModelUnderDrift <credit_g.csv> [seed, default 0]");
      System.exit(2);
    }
    Seed seed = Seed.of(args.length == 2 ? Long.parseLong(args[1]) : 0);
    Result r = run(Path.of(args[0]), seed);
    System.out.printf(Locale.ROOT, "clean accuracy %.3f (seed = %s)%n", r.cleanAccuracy(), seed);
    for (RobustnessCurve.Point p : r.drift().points()) {
      System.out.printf(
          Locale.ROOT,
          "  shift severity %.2f: accuracy %.3f, drop %.3f [%.3f, %.3f]%n",
          p.severity(),
          p.value(),
          p.drop(),
          p.dropLow(),
          p.dropHigh());
    }
    System.out.println(
        "breaking point of "
            + EXPECTATION
            + ": "
            + (r.breakingPoint().isPresent() ? r.breakingPoint().getAsDouble() : "none"));
    System.out.printf(
        Locale.ROOT,
        "trained on real rows %.3f, on synthetic rows %.3f%n",
        r.utility().accuracyRealTrained(),
        r.utility().accuracySyntheticTrained());
  }
}
