package dev.gauntlet.generators.perturb;

import static dev.gauntlet.generators.perturb.AttackFixture.row;
import static dev.gauntlet.generators.perturb.AttackFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.random.Seed;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * FGSM's and PGD's search, step by step, on the hand-made linear model of {@link AttackFixture}
 * (logit {@code L = a - b + (n - 2)/4 + 3 [red]}; per std unit of offset +1, -2, +0.5). The sign of
 * the gradient never changes along the way, so every iterate, and so every adversarial value, is
 * worked out by hand in the comments.
 */
class GradientAttackSearchTest {
  static final double TOL = 1e-12;
  static final LinearSoftmax MODEL = AttackFixture.binary();

  static AttackResult run(GradientAttack attack, Table t) {
    return attack.withScaleReference(AttackFixture.scaleReference()).run(MODEL, t, Seed.of(3));
  }

  static void assertRow(Table t, int r, double a, double b, double n) {
    assertThat(t.numeric("a").get(r)).as("a of row " + r).isCloseTo(a, within(TOL));
    assertThat(t.numeric("b").get(r)).as("b of row " + r).isCloseTo(b, within(TOL));
    assertThat(t.numeric("n").get(r)).as("n of row " + r).isCloseTo(n, within(TOL));
  }

  /** Six rows for FGSM at eps = 0.5 (max logit change 0.5 * 3.5 = 1.75, less where n is at 0). */
  static Table fgsmRows() {
    return rows(
        row(0.2, 0, 2, "blue", "yes"), // L = 0.2
        row(3, -1, 0, "blue", "yes"), // L = 3.5: out of reach
        row(1, 0, 0, "blue", "yes"), // L = 0.5, n already 0 (the column is non-negative)
        row(-2.5, 0, 2, "red", "yes"), // L = 0.5 thanks to red
        row(-0.4, 0.2, 2, "blue", "no"), // L = -0.6: pushed up
        row(0.2, 0, 2, "blue", "no")); // predicted yes, labelled no: misclassified
  }

  @Test
  void fgsmLinfMovesEachNumericColumnByEpsilonStdsAgainstTheGradientSign() {
    Table t = fgsmRows();
    AttackResult r = run(GradientAttack.fgsm(Norm.LINF, 0.5), t);
    // Row 0 from yes: a - 0.5 * 1, b + 0.5 * 2, n - 0.5 * 2 (whole): L = -0.3 - 1 - 0.25 < 0.
    // A wrong sign (ascending the other way), a step other than eps or a chain-rule factor in the
    // step would each move these values.
    assertRow(r.adversarial(), 0, -0.3, 1.0, 1);
    // Row 1: L = 3.5 - 1.5 = 2 stays yes: not a success, left as it was.
    assertRow(r.adversarial(), 1, 3, -1, 0);
    // Row 2: n cannot go below 0 (the column's bound), so it stays; L = 0.5 - 0.5 - 1 = -1.
    assertRow(r.adversarial(), 2, 0.5, 1.0, 0);
    // Row 3: color (categorical) is never moved; L = -3 - 1 - 0.25 + 3 = -1.25.
    assertRow(r.adversarial(), 3, -3.0, 1.0, 1);
    assertThat(r.adversarial().categorical("color").format(3)).isEqualTo("red");
    // Row 4 from no: every sign reversed; L = 0.1 + 0.8 + 0.25 = 1.15.
    assertRow(r.adversarial(), 4, 0.1, -0.8, 3);
    // Row 5 is misclassified: an attacker has nothing to gain there, it stays as it was.
    assertRow(r.adversarial(), 5, 0.2, 0, 2);
    assertThat(r.successfulRows()).containsExactly(0, 2, 3, 4);
    assertThat(r.rows()).isEqualTo(6);
    assertThat(r.attacked()).isEqualTo(5);
    assertThat(r.cleanAccuracy()).isCloseTo(5.0 / 6, within(TOL));
    assertThat(r.accuracyUnderAttack()).isCloseTo(1.0 / 6, within(TOL));
    // every success moved its largest column by exactly eps
    assertThat(r.meanPerturbationStd()).isCloseTo(0.5, within(TOL));
    // 0.5 over the rows' L-inf norms in std units: 1, 1, 2.5, 1 (rows 0, 2, 3, 4)
    assertThat(r.empiricalRobustness()).isCloseTo((0.5 + 0.5 + 0.2 + 0.5) / 4, within(TOL));
    // FGSM's 3 queries a row: the clean prediction, the gradient, the check
    assertThat(r.meanQueries()).isEqualTo(3.0);
    assertThat(r.maxQueries()).isEqualTo(3);
    assertThat(r.method()).isEqualTo("FGSM L-inf eps=0.5");
  }

  @Test
  void fgsmIgnoresPgdsStepsStepSizeAndRandomStart() {
    Table t = fgsmRows();
    AttackResult plain = run(GradientAttack.fgsm(Norm.LINF, 0.5), t);
    AttackResult dressed =
        run(
            GradientAttack.fgsm(Norm.LINF, 0.5)
                .withSteps(7)
                .withStepSize(0.01)
                .withRandomStart(true),
            t);
    assertThat(dressed.adversarial()).isEqualTo(plain.adversarial());
    assertThat(dressed.maxQueries()).isEqualTo(3);
  }

  @Test
  void fgsmL2StepsAlongTheGradientScaledByEachColumnsChainRuleFactor() {
    Table t = fgsmRows();
    AttackResult r = run(GradientAttack.fgsm(Norm.L2, 0.5), t);
    // The gradient in offset units is proportional to (1, -2, 0.5) (the model's weights times the
    // factors 1/2, 2, 1): the step is 0.5 (-1, 2, -0.5) / sqrt(5.25) from yes. n's offset, 0.109
    // std = 0.22, rounds towards the row to 0; b moves by its offset times s_b = 2.
    double k = 0.5 / Math.sqrt(5.25);
    assertRow(r.adversarial(), 0, 0.2 - k, 2 * 2 * k, 2);
    // row 2: n at its bound 0 is projected back to 0; a and b move as in row 0
    assertRow(r.adversarial(), 2, 1 - k, 4 * k, 0);
    assertRow(r.adversarial(), 4, -0.4 + k, 0.2 - 4 * k, 2); // from no: the other way
    assertRow(r.adversarial(), 1, 3, -1, 0); // L = 3.5 - 5 k = 2.41: stays yes
    assertThat(r.successfulRows()).containsExactly(0, 2, 3, 4);
    // realized L2 norm: a's and b's offsets only (n rounded to 0): k sqrt(5)
    assertThat(r.meanPerturbationStd()).isCloseTo(k * Math.sqrt(5), within(TOL));
  }

  /**
   * Rows for PGD with n immutable: L = a - b, each L-inf step of 0.25 lowers it by 0.75. (b is
   * negative and a not whole, so neither column is bounded at 0 nor rounded.)
   */
  static Table pgdRows() {
    return rows(
        row(0.9, -0.1, 2, "blue", "yes"), // L = 1: 0.25, then -0.5 after 2 steps
        row(2.4, -0.1, 2, "blue", "yes"), // L = 2.5: 1.75, 1, 0.25, -0.5 after 4 (at the budget)
        row(3.9, -0.1, 2, "blue", "yes")); // L = 4: at most 3 lower at eps = 1
  }

  @Test
  void pgdLinfTakesStepsOfTheDefaultSizeAndStopsAtTheFirstFlip() {
    Table t = pgdRows();
    // default step 2.5 eps / steps = 0.25; no random start, so the iterates are hand-checkable
    GradientAttack pgd =
        GradientAttack.pgd(Norm.LINF, 1.0)
            .withSteps(10)
            .withRandomStart(false)
            .withDomain(Map.of("immutable", "n"));
    AttackResult r = run(pgd, t);
    // row 0 stops after 2 steps (not at the budget's edge, where more steps would take it)
    assertRow(r.adversarial(), 0, 0.4, 0.9, 2);
    // row 1 after 4 steps, exactly at the edge of the box
    assertRow(r.adversarial(), 1, 1.4, 1.9, 2);
    assertRow(r.adversarial(), 2, 3.9, -0.1, 2);
    assertThat(r.successfulRows()).containsExactly(0, 1);
    // queries: the clean prediction, one gradient per step taken, one check of the winning
    // iterate (or of the last one): 1 + 3 + 1, 1 + 5 + 1, 1 + 10 + 1. A search that went on after
    // a flip, or stopped before the steps ran out, would count otherwise.
    assertThat(r.maxQueries()).isEqualTo(12);
    assertThat(r.meanQueries()).isCloseTo((5 + 7 + 12) / 3.0, within(TOL));
    assertThat(r.method()).isEqualTo("PGD L-inf eps=1.0 steps=10 step=0.25");
  }

  @Test
  void pgdProjectsOntoDeclaredRanges() {
    // a may not go below 0.6: row 0's a offset stops at -0.3; L = 1 - 0.3 - 1 < 0 after 2 steps
    AttackResult r =
        run(
            GradientAttack.pgd(Norm.LINF, 1.0)
                .withSteps(10)
                .withRandomStart(false)
                .withDomain(Map.of("immutable", "n", "ranges", "a:0.6..")),
            pgdRows());
    assertRow(r.adversarial(), 0, 0.6, 0.9, 2);
    assertThat(r.successfulRows()).contains(0);
  }

  @Test
  void pgdL2StepsAlongTheNormalizedGradientAndProjectsOntoTheBall() {
    // direction u = (-1, 2) / sqrt 5 in std units (gradient (1, -2) with n immutable); steps of
    // 0.4: 0.4 u, 0.8 u (L = 0.21), then 1.2 u = (-0.537, 1.073), projected first into the box
    // (b's offset to eps = 1), then into the ball: (-0.537, 1) / 1.135, where L = -0.235.
    Table t = rows(row(1.9, -0.1, 2, "blue", "yes"));
    GradientAttack pgd =
        GradientAttack.pgd(Norm.L2, 1.0)
            .withSteps(5)
            .withStepSize(0.4)
            .withRandomStart(false)
            .withDomain(Map.of("immutable", "n"));
    AttackResult r = run(pgd, t);
    double za = -1.2 / Math.sqrt(5);
    double norm = Math.hypot(za, 1);
    // unprojected it would be 1.2 u; projected onto the ball without the box first, u
    assertRow(r.adversarial(), 0, 1.9 + za / norm, -0.1 + 2 / norm, 2);
    assertThat(r.meanPerturbationStd()).isCloseTo(1.0, within(1e-9));
    // the clean prediction, gradients at 0, 0.4 u, 0.8 u and the projected point, one check
    assertThat(r.maxQueries()).isEqualTo(1 + 4 + 1);
    assertThat(r.method()).isEqualTo("PGD L2 eps=1.0 steps=5 step=0.4");
  }

  @Test
  void targetedAttacksDescendTheTargetsLossAndSkipRowsAlreadyThere() {
    // Three classes, logits 0, b, a/2: row 0's are 0, -0.1, -0.05 (c0), row 1's 0, -0.1, 2.05.
    Table t = rows(row(-0.1, -0.1, 2, "blue", "c0"), row(4.1, -0.1, 2, "blue", "c2"));
    LinearSoftmax model = AttackFixture.threeClasses();
    Table ref = AttackFixture.scaleReference();
    // Untargeted from c0: the gradient of -log p0 is p1 W1 + p2 W2 - (1 - p0) W0, so a and b both
    // go up; a = 0.4, b = 0.9: logits 0, 0.9, 0.2, c1. n has no weight: a zero gradient does not
    // move it.
    AttackResult away =
        GradientAttack.fgsm(Norm.LINF, 0.5).withScaleReference(ref).run(model, t, Seed.of(1));
    assertRow(away.adversarial(), 0, 0.4, 0.9, 2);
    assertThat(away.successfulRows()).containsExactly(0);
    // Targeted at c2: descending -log p2 means moving along (1 - p2) W2 - p1 W1: a up, b down;
    // a = 0.4, b = -1.1: logits 0, -1.1, 0.2, c2. (Ascending it, the sign slip, moves a down.)
    AttackResult toC2 =
        GradientAttack.fgsm(Norm.LINF, 0.5)
            .withTarget("c2")
            .withScaleReference(ref)
            .run(model, t, Seed.of(1));
    assertRow(toC2.adversarial(), 0, 0.4, -1.1, 2);
    // row 1 is already c2: not attacked (one query, its clean prediction), not a success
    assertRow(toC2.adversarial(), 1, 4.1, -0.1, 2);
    assertThat(toC2.successfulRows()).containsExactly(0);
    assertThat(toC2.maxQueries()).isEqualTo(3);
    assertThat(toC2.meanQueries()).isEqualTo(2.0);
    assertThat(toC2.method()).isEqualTo("FGSM L-inf eps=0.5 target=c2");
    // PGD's targeted search goes on until the row reaches the target, not only until it leaves its
    // class. From a = -0.45, b = 0.3 (logits 0, 0.3, -0.225: c1), steps of 0.1 std move the
    // logits by -0.2 (c1) and +0.05 (c2): c1 after 1 step, c0 after 2 to 4 (where an untargeted
    // stop would end), c2 (0.025 against 0 and -0.7) only after 5.
    AttackResult pgd =
        GradientAttack.pgd(Norm.LINF, 1.0)
            .withSteps(8)
            .withStepSize(0.1)
            .withRandomStart(false)
            .withTarget("c2")
            .withScaleReference(ref)
            .run(
                model,
                rows(row(-0.45, 0.3, 2, "blue", "c1"), row(4.1, -0.1, 2, "blue", "c2")),
                Seed.of(1));
    assertRow(pgd.adversarial(), 0, 0.05, -0.7, 2);
    assertThat(pgd.successfulRows()).containsExactly(0);
    assertThatThrownBy(
            () ->
                GradientAttack.fgsm(Norm.LINF, 0.5)
                    .withTarget("c9")
                    .withScaleReference(ref)
                    .run(model, t, Seed.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target class \"c9\" is not one of the model's classes [c0, c1, c2]");
  }

  @Test
  void theFirstClassCanBeTheTarget() {
    // Class index 0 is a target like any other (an index test written "<= 0" would take it for
    // "untargeted"). Row 0 is c1 (logits 0, 0.3, -0.225): descending -log p0 moves a and b down,
    // to a = -0.95, b = -0.7 (logits 0, -0.7, -0.475: c0). Row 1 is c0 already: not attacked.
    LinearSoftmax model = AttackFixture.threeClasses();
    Table t = rows(row(-0.45, 0.3, 2, "blue", "c1"), row(-0.1, -0.1, 2, "blue", "c0"));
    AttackResult r =
        GradientAttack.fgsm(Norm.LINF, 0.5)
            .withTarget("c0")
            .withScaleReference(AttackFixture.scaleReference())
            .run(model, t, Seed.of(1));
    assertRow(r.adversarial(), 0, -0.95, -0.7, 2);
    assertRow(r.adversarial(), 1, -0.1, -0.1, 2);
    assertThat(r.successfulRows()).containsExactly(0);
    assertThat(r.maxQueries()).isEqualTo(3);
    assertThat(r.meanQueries()).isEqualTo(2.0);
  }

  @Test
  void aRandomStartIsAUniformPointOfTheBudget() {
    // 200 copies of a row with L = 0.2 (a = -0.3, b = -0.5: negative, not whole, so not bounded at
    // 0 nor rounded) and n immutable; step size 0, one step: the result is the
    // random start itself, checked at step 0. A start outside the box (a sign slip in the uniform
    // draw) breaks the budget; no random start at all flips nothing.
    Object[][] copies = new Object[200][];
    for (int i = 0; i < copies.length; i++) {
      copies[i] = row(-0.3, -0.5, 2, "blue", "yes");
    }
    Table t = rows(copies);
    for (Norm norm : List.of(Norm.LINF, Norm.L2)) {
      AttackResult r =
          run(
              GradientAttack.pgd(norm, 1.0)
                  .withSteps(1)
                  .withStepSize(0)
                  .withDomain(Map.of("immutable", "n")),
              t);
      // A start flips when its offsets (za, zb) give 0.2 + za - 2 zb < 0: about half of the box
      // and of the disc; 200 seeded draws land far inside (20, 180).
      assertThat(r.successes()).as(norm.toString()).isBetween(20, 180);
      // Expected about 0.45 of the box (89 of 200) and 0.44 of the disc (89 of 200, a start
      // uniform in the disc); the seeded counts and mean norms are pinned as a regression check
      // of the draws (a start on the sphere, or a radius eps u rather than eps sqrt u, moves them)
      assertThat(r.successes()).as(norm.toString()).isEqualTo(norm == Norm.LINF ? 95 : 84);
      assertThat(r.meanPerturbationStd())
          .as(norm.toString())
          .isCloseTo(norm == Norm.LINF ? 0.6808770739505234 : 0.7096889468869938, within(1e-12));
      Set<Double> distinct = new HashSet<>();
      for (int i : r.successfulRows()) {
        double za = r.adversarial().numeric("a").get(i) + 0.3; // s_a = 1
        double zb = (r.adversarial().numeric("b").get(i) + 0.5) / 2; // s_b = 2
        distinct.add(za);
        assertThat(0.2 + za - 2 * zb).isLessThanOrEqualTo(0);
        if (norm == Norm.LINF) {
          assertThat(Math.max(Math.abs(za), Math.abs(zb))).isLessThanOrEqualTo(1 + TOL);
        } else {
          assertThat(Math.hypot(za, zb)).isLessThanOrEqualTo(1 + TOL);
        }
      }
      assertThat(distinct).hasSize(r.successes());
      assertThat(r.method())
          .isEqualTo(
              "PGD "
                  + (norm == Norm.LINF ? "L-inf" : "L2")
                  + " eps=1.0 steps=1 step=0.0 random-start");
    }
  }

  @Test
  void pgdsDefaultIsFortyStepsOfTwoAndAHalfEpsilonOverSteps() {
    assertThat(GradientAttack.pgd(Norm.LINF, 2.0).describe())
        .isEqualTo("PGD L-inf eps=2.0 steps=40 step=0.125 random-start");
  }

  @Test
  void edgeCasesOfTheAccount() {
    // every row misclassified: nothing attacked, the success rate undefined (not 0 of 0 = 0)
    Table wrong = rows(row(0.2, 0, 2, "blue", "no"), row(-0.4, 0.2, 2, "blue", "yes"));
    AttackResult r = run(GradientAttack.fgsm(Norm.LINF, 0.5), wrong);
    assertThat(r.attacked()).isZero();
    assertThat(r.successes()).isZero();
    assertThat(r.successRate()).isNaN();
    assertThat(r.meanPerturbationStd()).isNaN();
    assertThat(r.empiricalRobustness()).isNaN();
    assertThat(r.cleanAccuracy()).isZero();
    assertThat(r.adversarial()).isEqualTo(wrong);
    // no column the attack may move: only the clean prediction is asked for
    Table right = rows(row(0.2, 0, 2, "blue", "yes"));
    AttackResult fixed =
        run(GradientAttack.fgsm(Norm.LINF, 0.5).withDomain(Map.of("immutable", "a;b;n")), right);
    assertThat(fixed.successes()).isZero();
    assertThat(fixed.maxQueries()).isEqualTo(1);
    assertThat(fixed.successRate()).isEqualTo(0.0);
    // without a label (label= empty) every row is attacked and no accuracy is defined
    AttackResult unlabelled =
        run(GradientAttack.fgsm(Norm.LINF, 0.5).withDomain(Map.of("label", "")), wrong);
    assertThat(unlabelled.attacked()).isEqualTo(2);
    assertThat(unlabelled.successfulRows()).containsExactly(0, 1);
    assertThat(unlabelled.cleanAccuracy()).isNaN();
    assertThat(unlabelled.accuracyUnderAttack()).isNaN();
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> GradientAttack.fgsm(Norm.LINF, -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientAttack.fgsm(Norm.LINF, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientAttack.pgd(Norm.LINF, 1).withSteps(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientAttack.pgd(Norm.LINF, 1).withStepSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> GradientAttack.pgd(Norm.LINF, 1).withStepSize(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
