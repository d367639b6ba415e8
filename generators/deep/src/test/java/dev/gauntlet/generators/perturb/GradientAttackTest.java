package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.deep.MlpClassifier;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.random.Seed;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FGSM and PGD on credit_g (300 test rows, 7 numeric columns of which 6 are whole numbers), against
 * logistic regression (where FGSM L-inf is exactly optimal) and a small DJL MLP.
 */
class GradientAttackTest {
  static final String LABEL = "class";
  static final List<String> NUMERIC =
      List.of(
          "duration",
          "credit_amount",
          "installment_commitment",
          "residence_since",
          "age",
          "existing_credits",
          "num_dependents");

  static Table train;
  static Table test;
  static MlpClassifier mlp;

  @BeforeAll
  static void fit() {
    Split split = Data.creditG().stratifiedSplit(LABEL, 0.3, Seed.of(11));
    train = split.train();
    test = split.test();
    mlp = MlpClassifier.trainer(LABEL).withSeed(Seed.of(3)).fit(train);
  }

  static double accuracy(Classifier model, Table t) {
    String[] p = model.predict(t);
    int ok = 0;
    for (int r = 0; r < p.length; r++) {
      ok += p[r].equals(t.column(LABEL).format(r)) ? 1 : 0;
    }
    return (double) ok / p.length;
  }

  AttackResult run(GradientAttack attack, Classifier model, long seed) {
    return attack
        .withScaleReference(train)
        .run((dev.gauntlet.model.Differentiable) model, test, Seed.of(seed));
  }

  @Test
  void fgsmIsExactlyOptimalOnLogisticRegression() {
    // The logit is linear in the offsets, so the sign of the gradient sends every column to the
    // end of its feasible interval that pushes the margin towards the other class: FGSM L-inf
    // reaches the exact optimum, and flips exactly the rows the closed form says can be flipped.
    EvasionAttackTest.Setup s = EvasionAttackTest.creditG();
    AttackResult r =
        GradientAttack.fgsm(Norm.LINF, EvasionAttackTest.EPS)
            .withScaleReference(s.train())
            .run(s.model(), s.test(), Seed.of(1));
    HashSet<Integer> expected = new HashSet<>();
    for (int i = 0; i < s.flippable().length; i++) {
      if (s.flippable()[i]) {
        expected.add(i);
      }
    }
    System.out.printf(
        "LR %s: %d successes (closed form %d), queries/row %.1f, accuracy %.3f -> %.3f%n",
        r.method(),
        r.successes(),
        expected.size(),
        r.meanQueries(),
        r.cleanAccuracy(),
        r.accuracyUnderAttack());
    assertThat(new HashSet<>(r.successfulRows())).isEqualTo(expected);
    assertThat(r.maxQueries()).isEqualTo(3);
    assertValid(s.model(), s.test(), r, Norm.LINF, EvasionAttackTest.EPS);
  }

  @Test
  void theMlpTrainsToReasonableAccuracyDeterministically() {
    double acc = accuracy(mlp, test);
    System.out.printf(
        "MLP credit_g: test accuracy %.3f, final training loss %.4f%n",
        acc, mlp.finalTrainingLoss());
    // Majority class is 0.70; logistic regression reaches 0.77 on this split.
    assertThat(acc).isGreaterThanOrEqualTo(0.72);
    MlpClassifier again = MlpClassifier.trainer(LABEL).withSeed(Seed.of(3)).fit(train);
    assertThat(again.predictProba(test)).isEqualTo(mlp.predictProba(test));
  }

  @Test
  void pgdBeatsFgsmAndSuccessGrowsWithTheBudget() {
    for (Norm norm : Norm.values()) {
      double lastPgd = -1;
      for (double eps : new double[] {0.1, 0.25, 0.5, 1.0}) {
        AttackResult f = run(GradientAttack.fgsm(norm, eps), mlp, 1);
        AttackResult p = run(GradientAttack.pgd(norm, eps), mlp, 1);
        System.out.printf(
            "MLP %-6s eps %.2f: FGSM success %.3f (acc %.3f, robustness %.4f, queries %.1f) |"
                + " PGD success %.3f (acc %.3f, robustness %.4f, queries %.1f, max %d)%n",
            norm,
            eps,
            f.successRate(),
            f.accuracyUnderAttack(),
            f.empiricalRobustness(),
            f.meanQueries(),
            p.successRate(),
            p.accuracyUnderAttack(),
            p.empiricalRobustness(),
            p.meanQueries(),
            p.maxQueries());
        // PGD has no per-row guarantee over FGSM (a random start, a non-convex loss, whole-number
        // columns rounded after the continuous search): at 0.1 std under L2 (4 vs 5 of 300 rows
        // with these seeds) FGSM's corner can win by a row. Allowed: 1 % of the rows.
        int slack = norm == Norm.LINF ? 0 : test.rowCount() / 100;
        assertThat(p.successes())
            .as(norm + " eps " + eps)
            .isGreaterThanOrEqualTo(f.successes() - slack);
        assertThat(p.successRate()).as(norm + " eps " + eps).isGreaterThanOrEqualTo(lastPgd);
        assertThat(p.maxQueries()).isLessThanOrEqualTo(2 * 40 + 2);
        lastPgd = p.successRate();
        assertValid(mlp, test, f, norm, eps);
        assertValid(mlp, test, p, norm, eps);
      }
      assertThat(lastPgd).as(norm + " at eps 1").isGreaterThan(0.2);
    }
  }

  @Test
  void aZeroBudgetChangesNothing() {
    for (GradientAttack a :
        List.of(GradientAttack.fgsm(Norm.LINF, 0), GradientAttack.pgd(Norm.L2, 0))) {
      AttackResult r = run(a, mlp, 2);
      assertThat(r.successes()).isZero();
      assertThat(r.adversarial()).isEqualTo(test);
    }
  }

  @Test
  void sameSeedSameExamples() {
    GradientAttack a = GradientAttack.pgd(Norm.L2, 0.5);
    AttackResult one = run(a, mlp, 7);
    AttackResult two = run(a, mlp, 7);
    assertThat(two.successfulRows()).isEqualTo(one.successfulRows());
    assertThat(two.adversarial()).isEqualTo(one.adversarial());
  }

  @Test
  void targetedPgdReachesTheTargetAndRespectsImmutableColumnsAndRanges() {
    AttackResult r =
        GradientAttack.pgd(Norm.LINF, 1.0)
            .withTarget("bad")
            .withDomain(Map.of("immutable", "age", "ranges", "duration:4..72"))
            .withScaleReference(train)
            .run(mlp, test, Seed.of(4));
    String[] clean = mlp.predict(test);
    String[] adv = mlp.predict(r.adversarial());
    int attacked = 0;
    for (String c : clean) {
      attacked += c.equals("bad") ? 0 : 1;
    }
    for (int row : r.successfulRows()) {
      assertThat(clean[row]).isEqualTo("good");
      assertThat(adv[row]).isEqualTo("bad");
    }
    System.out.printf(
        "targeted PGD -> bad: %d of %d rows predicted good%n", r.successes(), attacked);
    assertThat(r.successes()).isGreaterThan(attacked / 10);
    assertThat(r.adversarial().numeric("age")).isEqualTo(test.numeric("age"));
    for (double v : r.adversarial().numeric("duration").values()) {
      assertThat(v).isBetween(4.0, 72.0);
    }
  }

  @Test
  void whiteBoxIsAsStrongAsBlackBoxWithFarFewerQueries() {
    double eps = 0.5;
    AttackResult pgd = run(GradientAttack.pgd(Norm.LINF, eps), mlp, 5);
    AttackResult score =
        EvasionAttack.scoreBased(Norm.LINF, eps)
            .withMaxQueries(1000)
            .withScaleReference(train)
            .run(mlp, test, Seed.of(5));
    AttackResult decision =
        EvasionAttack.decisionBased(Norm.LINF, eps)
            .withMaxQueries(1000)
            .withScaleReference(train)
            .run(mlp, test, Seed.of(5));
    for (AttackResult r : List.of(pgd, score, decision)) {
      System.out.printf(
          "MLP %s: success %.3f, accuracy %.3f -> %.3f, mean L-inf %.3f, robustness %.4f,"
              + " queries mean %.1f max %d%n",
          r.method(),
          r.successRate(),
          r.cleanAccuracy(),
          r.accuracyUnderAttack(),
          r.meanPerturbationStd(),
          r.empiricalRobustness(),
          r.meanQueries(),
          r.maxQueries());
    }
    // About as strong (83 vs 84 and 82 of 300 rows with these seeds: each finds rows the other
    // misses), so the safe claim is within 5 %, with 20 times fewer queries.
    int bestBlackBox = Math.max(score.successes(), decision.successes());
    assertThat(pgd.successes()).isGreaterThanOrEqualTo((int) Math.floor(0.95 * bestBlackBox));
    assertThat(pgd.meanQueries() * 20)
        .isLessThan(Math.min(score.meanQueries(), decision.meanQueries()));
  }

  /**
   * Every adversarial row: categorical and label columns unchanged, whole numbers whole,
   * non-negative columns non-negative, within the budget (of its norm) in training std units, and
   * every success really changes the prediction.
   */
  static void assertValid(
      Classifier model, Table clean, AttackResult result, Norm norm, double eps) {
    Table adv = result.adversarial();
    assertThat(adv.schema()).isEqualTo(clean.schema());
    double[] size = new double[clean.rowCount()];
    for (int j = 0; j < clean.columnCount(); j++) {
      String name = clean.schema().get(j).name();
      if (!(clean.column(j) instanceof NumericColumn before)) {
        assertThat(adv.column(name)).as(name).isEqualTo(clean.column(j));
        continue;
      }
      double sd = Domain.meanStd(train.numeric(name))[1];
      NumericColumn after = adv.numeric(name);
      for (int r = 0; r < clean.rowCount(); r++) {
        double v = after.get(r);
        assertThat(v).as(name + " whole").isEqualTo(Math.rint(v));
        assertThat(v).as(name + " non-negative").isGreaterThanOrEqualTo(0);
        double dz = Math.abs(v - before.get(r)) / sd;
        size[r] = norm == Norm.LINF ? Math.max(size[r], dz) : size[r] + dz * dz;
      }
    }
    for (int r = 0; r < size.length; r++) {
      double m = norm == Norm.LINF ? size[r] : Math.sqrt(size[r]);
      assertThat(m)
          .as(result.method() + " row " + r + " within budget")
          .isLessThanOrEqualTo(eps + 1e-9);
    }
    String[] predicted = model.predict(adv);
    String[] before = model.predict(clean);
    for (int r : result.successfulRows()) {
      assertThat(predicted[r]).as(result.method() + " row " + r).isNotEqualTo(before[r]);
    }
  }
}
