package dev.gauntlet.examples;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.deep.MlpClassifier;
import dev.gauntlet.generators.perturb.AttackResult;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.generators.perturb.GradientAttack;
import dev.gauntlet.metrics.Drift;
import dev.gauntlet.metrics.Frechet;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Story 4: an MLP trained with DJL on German credit, attacked with FGSM and PGD, and the distance
 * between clean and shifted rows measured in the model's own embedding (its penultimate layer,
 * {@link MlpClassifier#embed}): the Fréchet distance and per-unit drift tests between the two
 * halves of the clean test rows (a baseline: the same world), and between the clean rows and rows
 * whose duration and credit amount moved up.
 *
 * <pre>
 * java dev.gauntlet.examples.MlpEmbeddingSpace data/credit_g.csv [seed]
 * </pre>
 */
public final class MlpEmbeddingSpace {
  /** The target column of credit_g. */
  public static final String LABEL = "class";

  private MlpEmbeddingSpace() {}

  /**
   * What one run measured.
   *
   * @param cleanAccuracy the MLP's accuracy on the held-out rows
   * @param fgsm FGSM at epsilon 0.5 (standard deviations of each feature, L-infinity)
   * @param pgd PGD at the same budget
   * @param frechetClean the Fréchet distance between the embeddings of the two halves of the clean
   *     test rows
   * @param frechetShifted the Fréchet distance between the embeddings of the first half and of the
   *     second half shifted
   * @param driftedUnitsClean embedding units whose drift test fires between the clean halves
   * @param driftedUnitsShifted the same between the first half and the shifted second half
   * @param units the embedding's width
   */
  public record Result(
      double cleanAccuracy,
      AttackResult fgsm,
      AttackResult pgd,
      double frechetClean,
      double frechetShifted,
      long driftedUnitsClean,
      long driftedUnitsShifted,
      int units) {}

  /** Trains a small MLP (16 units, 2 layers, 30 epochs) so that the story runs in seconds. */
  public static Result run(Path creditCsv, Seed seed) {
    Table data = Csv.read(creditCsv, CsvOptions.defaults().withLabel(LABEL));
    Split split = data.stratifiedSplit(LABEL, 0.3, seed.derive("split"));
    MlpClassifier model =
        MlpClassifier.trainer(LABEL)
            .withHidden(16)
            .withEpochs(30)
            .withSeed(seed.derive("mlp"))
            .fit(split.train());
    Table test = split.test();

    AttackResult fgsm =
        GradientAttack.fgsm(Norm.LINF, 0.5)
            .withScaleReference(split.train())
            .run(model, test, seed.derive("fgsm"));
    AttackResult pgd =
        GradientAttack.pgd(Norm.LINF, 0.5)
            .withSteps(10)
            .withScaleReference(split.train())
            .run(model, test, seed.derive("pgd"));

    int half = test.rowCount() / 2;
    Table first = test.slice(0, half);
    Table second = test.slice(half, test.rowCount());
    // duration and credit amount move up by 1.5 standard deviations
    Table shifted =
        Registry.perturbations()
            .get("covariate-shift")
            .create(Map.of("column", "duration;credit_amount", "shift", "1.5", "label", LABEL))
            .apply(second, 1, seed.derive("shift"));
    FeatureMatrix a = model.embed(first);
    FeatureMatrix b = model.embed(second);
    FeatureMatrix c = model.embed(shifted);
    return new Result(
        CrossValidation.accuracy(model, test, LABEL),
        fgsm,
        pgd,
        Frechet.distance(a, b),
        Frechet.distance(a, c),
        drifted(a, b),
        drifted(a, c),
        a.cols());
  }

  /** Embedding units whose drift test (KS on small samples) fires, each unit a numeric column. */
  private static long drifted(FeatureMatrix reference, FeatureMatrix current) {
    return Drift.of(table(reference), table(current), Drift.Options.defaults())
        .count(Drift.Verdict.DRIFTED);
  }

  private static Table table(FeatureMatrix m) {
    Table.Builder b = Table.builder();
    for (int j = 0; j < m.cols(); j++) {
      double[] v = new double[m.rows()];
      for (int r = 0; r < m.rows(); r++) {
        v[r] = m.get(r, j);
      }
      b.numeric(m.names().get(j), v);
    }
    return b.build();
  }

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: MlpEmbeddingSpace <credit_g.csv> [seed, default 0]");
      System.exit(2);
    }
    Seed seed = Seed.of(args.length == 2 ? Long.parseLong(args[1]) : 0);
    Result r = run(Path.of(args[0]), seed);
    System.out.printf(Locale.ROOT, "clean accuracy %.3f (seed = %s)%n", r.cleanAccuracy(), seed);
    System.out.printf(
        Locale.ROOT,
        "FGSM success %.3f, PGD success %.3f (epsilon 0.5 std, L-inf)%n",
        r.fgsm().successRate(),
        r.pgd().successRate());
    System.out.printf(
        Locale.ROOT,
        "embedding (%d units): Frechet clean/clean %.3f, clean/shifted %.3f;"
            + " drifted units %d and %d%n",
        r.units(),
        r.frechetClean(),
        r.frechetShifted(),
        r.driftedUnitsClean(),
        r.driftedUnitsShifted());
  }
}
