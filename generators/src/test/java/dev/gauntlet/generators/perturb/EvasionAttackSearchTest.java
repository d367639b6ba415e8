package dev.gauntlet.generators.perturb;

import static dev.gauntlet.generators.perturb.AttackFixture.row;
import static dev.gauntlet.generators.perturb.AttackFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The black-box searches on hand-made linear models, where the smallest flipping perturbation is
 * known: the shrink to the boundary after a success, the first-flip stop, the whole query budget
 * spent on a row out of reach, and the greedy random search and boundary walk finding the one
 * corner of the budget that flips a row (a random draw finds it once in a thousand).
 */
class EvasionAttackSearchTest {
  static final LinearSoftmax MODEL = AttackFixture.binary();

  static AttackResult run(EvasionAttack attack, Table t, long seed) {
    return attack.withScaleReference(AttackFixture.scaleReference()).run(MODEL, t, Seed.of(seed));
  }

  /**
   * Only {@code a} moves (b and n immutable): the logit {@code L = a - b + (n - 2)/4} falls by the
   * offset of a. Row 0 (L = 0.2) flips once a falls by 0.2; row 1 (L = 2, red) is out of reach at
   * eps = 0.5.
   */
  static Table oneColumnRows() {
    return rows(row(0.2, 0, 2, "blue", "yes"), row(-1, 0, 2, "red", "yes"));
  }

  static final Map<String, String> ONLY_A = Map.of("immutable", "b;n");

  @Test
  void theDecisionBasedSearchShrinksItsCornerToTheBoundaryByEightHalvings() {
    for (Norm norm : List.of(Norm.LINF, Norm.L2)) {
      AttackResult r =
          run(
              EvasionAttack.decisionBased(norm, 0.5).withMaxQueries(200).withDomain(ONLY_A),
              oneColumnRows(),
              4);
      // Phase 1 draws the ends of a's interval, +-0.5 (a vertex, or the sphere in 1-d); -0.5
      // flips. The shrink halves [0, 1] eight times along the line: 0.5 (adversarial), 0.25,
      // 0.375 (not), 0.4375, 0.40625 (adversarial), 0.390625, 0.3984375 (not), 0.40234375:
      // a moves by 0.40234375 * 0.5. Without the shrink it would move by 0.5; with a step fewer
      // or more, or the halves swapped, by another multiple.
      assertThat(r.adversarial().numeric("a").get(0))
          .as(norm.toString())
          .isCloseTo(0.2 - 0.40234375 * 0.5, within(1e-12));
      assertThat(r.successfulRows()).as(norm.toString()).containsExactly(0);
      assertThat(r.adversarial().numeric("a").get(1)).isEqualTo(-1.0);
      assertThat(r.meanPerturbationStd()).isCloseTo(0.40234375 * 0.5, within(1e-12));
      // Row 1 cannot flip: it spends its whole budget (the walk gives up with one query left
      // when it cannot afford two probes). Row 0 stops at its first flip: the clean query, a few
      // draws (each a coin toss for the flipping end), the 8 halvings.
      assertThat(r.maxQueries()).as(norm.toString()).isBetween(199, 200);
      double row0 = 2 * r.meanQueries() - r.maxQueries();
      assertThat(row0).as(norm.toString()).isBetween(10.0, 30.0);
    }
  }

  @Test
  void theScoreBasedSearchStopsAtTheFirstFlipAndShrinksIt() {
    for (Norm norm : List.of(Norm.LINF, Norm.L2)) {
      AttackResult r =
          run(
              EvasionAttack.scoreBased(norm, 0.5).withMaxQueries(200).withDomain(ONLY_A),
              oneColumnRows(),
              6);
      // Whatever point of [-0.5, -0.2] flipped first, the shrink brings a's offset within 1/256
      // of it above 0.2, the boundary.
      double offset = 0.2 - r.adversarial().numeric("a").get(0);
      assertThat(offset).as(norm.toString()).isBetween(0.2, 0.2 + 0.5 / 256);
      assertThat(r.successfulRows()).as(norm.toString()).containsExactly(0);
      // row 1 searches until its budget is spent, exactly
      assertThat(r.maxQueries()).as(norm.toString()).isEqualTo(200);
      double row0 = 2 * r.meanQueries() - r.maxQueries();
      assertThat(row0).as(norm.toString()).isBetween(10.0, 30.0);
    }
  }

  /**
   * Ten numeric columns {@code c0..c9} with std 1 (the reference and the encoder's), and a model
   * whose logit of {@code yes} is {@code -(c0 + ... + c9)}. A row at {@code c_j = -v} has L = 10 v
   * and flips when the offsets sum above 10 v: under an L-inf budget of 1 only near the corner (+1,
   * ..., +1) when v is close to 1; under an L2 budget of 1 only near the direction (1, ..., 1) /
   * sqrt 10 when v sqrt 10 is close to 1.
   */
  record Wide(LinearSoftmax model, Table reference) {
    static final int D = 10;

    static Wide of() {
      Table.Builder ref = Table.builder();
      List<String> names = new ArrayList<>();
      for (int j = 0; j < D; j++) {
        ref.numeric("c" + j, -1, 1);
        names.add("c" + j);
      }
      Table reference = ref.build();
      FeatureEncoder e = FeatureEncoder.fit(reference, names);
      double[] w = new double[D];
      java.util.Arrays.fill(w, -1);
      return new Wide(
          new LinearSoftmax(e, List.of("no", "yes"), new double[][] {new double[D], w}), reference);
    }

    /** One row per value v, every column at -v. */
    Table rows(double... v) {
      Table.Builder t = Table.builder();
      for (int j = 0; j < D; j++) {
        double[] col = new double[v.length];
        for (int r = 0; r < v.length; r++) {
          col[r] = -v[r];
        }
        t.numeric("c" + j, col);
      }
      return t.build();
    }

    AttackResult run(EvasionAttack attack, Table t, long seed) {
      return attack.withScaleReference(reference).run(model, t, Seed.of(seed));
    }

    double offsetSum(AttackResult r, Table t, int row) {
      double sum = 0;
      for (int j = 0; j < D; j++) {
        sum += r.adversarial().numeric("c" + j).get(row) - t.numeric("c" + j).get(row);
      }
      return sum;
    }
  }

  @Test
  void bothSearchesFindTheOneFlippingCornerOfAnLinfBudget() {
    Wide w = Wide.of();
    // A row at v flips when the offsets, each at most 1, sum above 10 v: v = 0.9 needs nine
    // columns near +1 (a random corner does it 11 times in 1024); v = 0.85 needs all ten at 0.85
    // or more (a random corner: once in 1024, so the decision-based search must walk there);
    // v = 1.05 is out of reach. Over seeds 1..20 the score-based search flipped v = 0.9 within 400
    // queries 20 times, the decision-based one v = 0.85 within 1,000 queries 20 times (about 560
    // queries on average): its walk converges slowly (binary searches, sign probes).
    record Case(EvasionAttack attack, int queries, double v) {}
    for (Case c :
        List.of(
            new Case(EvasionAttack.scoreBased(Norm.LINF, 1.0), 400, 0.9),
            new Case(EvasionAttack.decisionBased(Norm.LINF, 1.0), 1000, 0.85))) {
      Table t = w.rows(c.v(), 1.05);
      AttackResult r = w.run(c.attack().withMaxQueries(c.queries()), t, 12);
      String what = c.attack().describe();
      assertThat(r.successfulRows()).as(what).containsExactly(0);
      // flipped (L = 10 v - sum <= 0), within the budget
      assertThat(w.offsetSum(r, t, 0)).as(what).isGreaterThanOrEqualTo(10 * c.v());
      for (int j = 0; j < Wide.D; j++) {
        double z = r.adversarial().numeric("c" + j).get(0) - t.numeric("c" + j).get(0);
        assertThat(Math.abs(z)).as(what).isLessThanOrEqualTo(1 + 1e-12);
      }
      // the row out of reach spends the whole budget (or all but one query, see above)
      assertThat(r.maxQueries()).as(what).isBetween(c.queries() - 1, c.queries());
    }
  }

  @Test
  void bothSearchesFindTheOneFlippingDirectionOfAnL2Budget() {
    Wide w = Wide.of();
    // The smallest flipping L2 offset of a row at v is 10 v / sqrt 10 = v sqrt 10 along the
    // diagonal: v = 0.28 needs 0.885 of the budget of 1, so the search must come within about
    // 28 degrees of the diagonal (a random direction is within that once in many thousands).
    // v = 0.33 needs 1.04: out of reach. Both searches flipped v = 0.28 with each seed of 1..20.
    Table t = w.rows(0.28, 0.33);
    for (EvasionAttack attack :
        List.of(
            EvasionAttack.scoreBased(Norm.L2, 1.0).withMaxQueries(1000),
            EvasionAttack.decisionBased(Norm.L2, 1.0).withMaxQueries(1000))) {
      AttackResult r = w.run(attack, t, 13);
      System.out.printf(
          "%s: successes %s, mean queries %.1f, max %d, mean L2 %.4f%n",
          attack.describe(),
          r.successfulRows(),
          r.meanQueries(),
          r.maxQueries(),
          r.meanPerturbationStd());
      assertThat(r.successfulRows()).as(attack.describe()).containsExactly(0);
      assertThat(w.offsetSum(r, t, 0)).isGreaterThanOrEqualTo(10 * 0.28);
      // at least the smallest flipping norm, at most the budget
      assertThat(r.meanPerturbationStd()).isBetween(0.28 * Math.sqrt(10) - 1e-9, 1 + 1e-9);
    }
  }

  @Test
  void withNoColumnToMoveOnlyTheCleanPredictionIsAskedFor() {
    for (EvasionAttack attack :
        List.of(
            EvasionAttack.scoreBased(Norm.LINF, 0.5), EvasionAttack.decisionBased(Norm.L2, 0.5))) {
      AttackResult r =
          run(
              attack.withMaxQueries(50).withDomain(Map.of("immutable", "a;b;n")),
              oneColumnRows(),
              1);
      assertThat(r.successes()).isZero();
      assertThat(r.maxQueries()).as(attack.describe()).isEqualTo(1);
    }
  }

  @Test
  void describeSaysMethodNormBudgetAndQueries() {
    assertThat(EvasionAttack.scoreBased(Norm.L2, 0.5).describe())
        .isEqualTo("score-based L2 eps=0.5 queries<=1000");
    assertThat(EvasionAttack.decisionBased(Norm.LINF, 1).withMaxQueries(20).describe())
        .isEqualTo("decision-based L-inf eps=1.0 queries<=20");
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> EvasionAttack.scoreBased(Norm.LINF, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EvasionAttack.scoreBased(Norm.LINF, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EvasionAttack.scoreBased(Norm.LINF, 1).withMaxQueries(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max queries is less than 2: 1");
    // two queries are allowed: the clean prediction and one candidate
    assertThat(
            run(
                    EvasionAttack.scoreBased(Norm.LINF, 0.5).withMaxQueries(2).withDomain(ONLY_A),
                    oneColumnRows(),
                    1)
                .maxQueries())
        .isLessThanOrEqualTo(2);
  }

  /**
   * A regression pin, not a property: the seeded searches' exact outcome on four rows (v = 0.85,
   * 0.6, 0.3, 1.05 under L-inf; only v = 0.3, needing 0.95 of the L2 ball, flips under L2 within
   * 300 queries), recorded from this version. The properties above leave the searches free to take
   * another path to a success; this catches any change of path (a draw, a step size, a probe count,
   * an acceptance rule), meant or not. When the search is changed on purpose, check the tests above
   * still pass and record the new figures here.
   */
  @Test
  void theSeededSearchesTakeTheRecordedPath() {
    Wide w = Wide.of();
    Table t = w.rows(0.85, 0.6, 0.3, 1.05);
    record Pin(EvasionAttack attack, List<Integer> successes, double meanQueries, double[] sums) {}
    for (Pin pin :
        List.of(
            new Pin(
                EvasionAttack.scoreBased(Norm.LINF, 1.0),
                List.of(0, 1, 2),
                108.0,
                new double[] {8.5183321661418230, 6, 3, 0}),
            new Pin(
                EvasionAttack.decisionBased(Norm.LINF, 1.0),
                List.of(0, 1, 2),
                130.0,
                new double[] {8.5008978644535310, 6, 3, 0}),
            new Pin(
                EvasionAttack.scoreBased(Norm.L2, 1.0),
                List.of(2),
                270.5,
                new double[] {0, 0, 3.0113504426585735, 0}),
            new Pin(
                EvasionAttack.decisionBased(Norm.L2, 1.0),
                List.of(2),
                283.25,
                new double[] {0, 0, 3.0023653792256510, 0}))) {
      AttackResult r = w.run(pin.attack().withMaxQueries(300), t, 21);
      String what = pin.attack().describe();
      assertThat(r.successfulRows()).as(what).isEqualTo(pin.successes());
      assertThat(r.meanQueries()).as(what).isEqualTo(pin.meanQueries());
      assertThat(r.maxQueries()).as(what).isEqualTo(300);
      for (int row = 0; row < 4; row++) {
        assertThat(w.offsetSum(r, t, row))
            .as(what + " row " + row)
            .isCloseTo(pin.sums()[row], within(1e-9));
      }
    }
  }
}
