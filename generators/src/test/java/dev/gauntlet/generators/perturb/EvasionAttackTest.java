package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The black-box attacks against logistic regression, whose smallest flipping perturbation is known
 * in closed form. Under an L-inf budget of eps standard deviations on the numeric columns, the
 * logit moves at most eps times the L1 norm of the numeric weights (per std unit), so a row can be
 * flipped iff |margin| / L1 <= eps. The attacks are tabular-aware (whole-number columns stay whole,
 * non-negative columns stay non-negative), so the test computes the exact optimum of that
 * constrained problem: the logit is linear, so each column independently goes to the end of its
 * feasible interval that pushes the margin towards zero. The continuous closed form is checked to
 * agree on most rows.
 */
class EvasionAttackTest {
  static final String LABEL = "class";
  static final double EPS = 1.0;
  static final int QUERIES = 1000;

  record Setup(
      Table train, Table test, LogisticRegression model, boolean[] flippable, int continuous) {}

  static Setup creditG() {
    Split split = Data.creditG().stratifiedSplit(LABEL, 0.3, Seed.of(11));
    LogisticRegression model = LogisticRegression.trainer(LABEL).fit(split.train());
    Table test = split.test();
    List<String> features = model.featureNames();
    double[] w = model.coefficients()[0];
    List<String> numeric =
        List.of(
            "duration",
            "credit_amount",
            "installment_commitment",
            "residence_since",
            "age",
            "existing_credits",
            "num_dependents");
    double l1 = 0;
    for (String c : numeric) {
      l1 += Math.abs(w[features.indexOf(c)]);
    }
    ClassProbabilities p = model.predictProba(test);
    // the label column is the table's label, so the attacks leave misclassified rows alone
    boolean[] correct = dev.gauntlet.metrics.Accuracy.correct(model, test, LABEL);
    boolean[] flippable = new boolean[test.rowCount()];
    int continuous = 0;
    for (int r = 0; r < test.rowCount(); r++) {
      double margin = Math.log(p.get(r, 1) / p.get(r, 0));
      boolean positive = p.argmax(r) == 1;
      double best = margin;
      for (String c : numeric) {
        NumericColumn col = test.numeric(c);
        double s = Domain.meanStd(split.train().numeric(c))[1];
        double x = col.get(r);
        double hi = Math.floor(x + EPS * s + 1e-9);
        double lo = Math.max(0, Math.ceil(x - EPS * s - 1e-9));
        double wj = w[features.indexOf(c)];
        // Push the margin towards the other class: down from class 1, up from class 0.
        double toward = positive ? -wj : wj;
        best += wj * ((toward > 0 ? hi : lo) - x) / s;
      }
      flippable[r] = correct[r] && (positive ? best <= 0 : best > 0);
      continuous += correct[r] && Math.abs(margin) / l1 <= EPS ? 1 : 0;
    }
    return new Setup(split.train(), test, model, flippable, continuous);
  }

  @Test
  void bothAttacksFlipNinetyPercentOfFlippableRowsWithinAThousandQueries() {
    Setup s = creditG();
    int flippable = 0;
    for (boolean f : s.flippable()) {
      flippable += f ? 1 : 0;
    }
    System.out.printf(
        "credit_g test rows %d, flippable (whole numbers) %d, closed form |m|/L1<=1: %d%n",
        s.test().rowCount(), flippable, s.continuous());
    assertThat(flippable).isGreaterThan(20);
    for (EvasionAttack attack :
        List.of(
            EvasionAttack.decisionBased(Norm.LINF, EPS),
            EvasionAttack.scoreBased(Norm.LINF, EPS))) {
      AttackResult result =
          attack
              .withMaxQueries(QUERIES)
              .withScaleReference(s.train())
              .run(s.model(), s.test(), Seed.of(5));
      Set<Integer> won = new HashSet<>(result.successfulRows());
      int flipped = 0;
      for (int r = 0; r < s.flippable().length; r++) {
        if (s.flippable()[r] && won.contains(r)) {
          flipped++;
        }
        if (!s.flippable()[r]) {
          assertThat(won)
              .as(attack.describe() + ": row " + r + " cannot be flipped")
              .doesNotContain(r);
        }
      }
      System.out.printf(
          "%s: flipped %d of %d flippable, success rate %.3f, accuracy %.3f -> %.3f, mean queries %.1f, max %d, mean L-inf %.3f, empirical robustness %.4f%n",
          attack.describe(),
          flipped,
          flippable,
          result.successRate(),
          result.cleanAccuracy(),
          result.accuracyUnderAttack(),
          result.meanQueries(),
          result.maxQueries(),
          result.meanPerturbationStd(),
          result.empiricalRobustness());
      assertThat(flipped)
          .as(attack.describe())
          .isGreaterThanOrEqualTo((int) Math.ceil(0.9 * flippable));
      assertThat(result.maxQueries()).isLessThanOrEqualTo(QUERIES);
      assertValid(s, result);
    }
  }

  @Test
  void l2AttacksStayInsideTheBallAndFlipOnlyRowsTheBoxAllows() {
    Setup s = creditG();
    for (EvasionAttack attack :
        List.of(
            EvasionAttack.decisionBased(Norm.L2, EPS), EvasionAttack.scoreBased(Norm.L2, EPS))) {
      AttackResult result =
          attack
              .withMaxQueries(300)
              .withScaleReference(s.train())
              .run(s.model(), s.test(), Seed.of(8));
      // The L2 ball lies inside the L-inf box of the same radius, so only box-flippable rows fall.
      for (int r : result.successfulRows()) {
        assertThat(s.flippable()[r]).as(attack.describe() + " row " + r).isTrue();
      }
      assertThat(result.successes()).as(attack.describe()).isGreaterThan(10);
      assertThat(result.maxQueries()).isLessThanOrEqualTo(300);
      for (int r = 0; r < s.test().rowCount(); r++) {
        double sum = 0;
        for (String c :
            List.of(
                "duration",
                "credit_amount",
                "installment_commitment",
                "residence_since",
                "age",
                "existing_credits",
                "num_dependents")) {
          double sd = Domain.meanStd(s.train().numeric(c))[1];
          double dz = (result.adversarial().numeric(c).get(r) - s.test().numeric(c).get(r)) / sd;
          sum += dz * dz;
        }
        assertThat(Math.sqrt(sum))
            .as(attack.describe() + " row " + r)
            .isLessThanOrEqualTo(EPS + 1e-9);
      }
    }
  }

  @Test
  void theDecisionBasedWalkWorksOnATreeWithImmutableColumnsAndRanges() {
    Setup s = creditG();
    var tree = dev.gauntlet.model.DecisionTree.trainer(LABEL).withMaxDepth(5).fit(s.train());
    Table test = s.test().slice(0, 100);
    AttackResult result =
        EvasionAttack.decisionBased(Norm.LINF, 0.5)
            .withMaxQueries(400)
            .withScaleReference(s.train())
            .withDomain(java.util.Map.of("immutable", "age", "ranges", "duration:4..72"))
            .run(tree, test, Seed.of(9));
    assertThat(result.maxQueries()).isLessThanOrEqualTo(400);
    assertThat(result.adversarial().numeric("age")).isEqualTo(test.numeric("age"));
    String[] clean = tree.predict(test);
    String[] adv = tree.predict(result.adversarial());
    // the loop below checks nothing unless some rows flipped
    assertThat(result.successes()).as("rows the walk flipped").isPositive();
    for (int r : result.successfulRows()) {
      assertThat(adv[r]).isNotEqualTo(clean[r]);
    }
    for (double v : result.adversarial().numeric("duration").values()) {
      assertThat(v).isBetween(4.0, 72.0);
    }
    System.out.printf(
        "tree decision-based L-inf 0.5: success %.2f, accuracy %.2f -> %.2f%n",
        result.successRate(), result.cleanAccuracy(), result.accuracyUnderAttack());
  }

  /** Every adversarial row: categorical and label unchanged, whole numbers, >= 0, within budget. */
  static void assertValid(Setup s, AttackResult result) {
    Table adv = result.adversarial();
    Table test = s.test();
    assertThat(adv.schema()).isEqualTo(test.schema());
    for (int j = 0; j < test.columnCount(); j++) {
      String name = test.schema().get(j).name();
      if (!(test.column(j) instanceof NumericColumn before)) {
        assertThat(adv.column(name)).as(name).isEqualTo(test.column(j));
        continue;
      }
      double sd = Domain.meanStd(s.train().numeric(name))[1];
      NumericColumn after = adv.numeric(name);
      for (int r = 0; r < test.rowCount(); r++) {
        double v = after.get(r);
        assertThat(v).as(name + " whole").isEqualTo(Math.rint(v));
        assertThat(v).as(name + " non-negative").isGreaterThanOrEqualTo(0);
        assertThat(Math.abs(v - before.get(r)) / sd)
            .as(name + " within budget")
            .isLessThanOrEqualTo(EPS + 1e-9);
      }
    }
    String[] predicted = s.model().predict(adv);
    String[] clean = s.model().predict(test);
    for (int r : result.successfulRows()) {
      assertThat(predicted[r]).isNotEqualTo(clean[r]);
    }
  }
}
