package dev.gauntlet.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bootstrap a sweep runs: paired only for a perturbation that keeps row identity. */
class RobustnessSweepTest {
  static final int N = 400;

  /** Predicts the class written in column "guess". */
  static final Classifier GUESS =
      new Classifier() {
        @Override
        public List<String> classes() {
          return List.of("0", "1");
        }

        @Override
        public ClassProbabilities predictProba(Table table) {
          double[] flat = new double[2 * table.rowCount()];
          for (int r = 0; r < table.rowCount(); r++) {
            flat[2 * r + ("1".equals(table.categorical("guess").level(r)) ? 1 : 0)] = 1;
          }
          return ClassProbabilities.of(classes(), table.rowCount(), flat);
        }
      };

  /** Label all "1"; the guess is right on the first half of the rows, wrong on the second. */
  static Table halfRight() {
    String[] y = new String[N];
    String[] guess = new String[N];
    for (int r = 0; r < N; r++) {
      y[r] = "1";
      guess[r] = r < N / 2 ? "1" : "0";
    }
    return Table.builder().categorical("y", y).categorical("guess", guess).build();
  }

  static Table reversed(Table t) {
    int[] rows = new int[t.rowCount()];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = rows.length - 1 - r;
    }
    return t.take(rows);
  }

  @Test
  void rowsReorderedByAPerturbationAreNotPairedWithTheCleanRowsAtTheirPlace() {
    // The same rows in reverse order: accuracy 0.5 on both, drop 0. Row i of the perturbed table
    // is not row i of the clean one, so the bootstrap must resample the tables independently:
    // sd of the drop sqrt(2 * 0.25 / 400) = 0.0354, a 95 % interval about 0.139 wide. Pairing
    // rows by position (what the sweep did when the row counts matched) pairs a right row with
    // a wrong one every time: sd 1 / sqrt(400) = 0.05, width 0.196. With 4,000 resamples the
    // width's Monte Carlo error is about 0.002, so 0.167 separates the two by over 10 of them.
    Perturbation reverse = (table, severity, seed) -> severity == 0 ? table : reversed(table);
    RobustnessCurve curve =
        RobustnessSweep.withDefaults()
            .withSeverities(0, 1)
            .withResamples(4000)
            .run(GUESS, halfRight(), "y", "reverse", reverse, Seed.of(5));
    RobustnessCurve.Point last = curve.points().get(1);
    assertThat(curve.paired()).isFalse();
    assertThat(last.value()).isEqualTo(0.5);
    assertThat(last.drop()).isZero();
    assertThat(last.dropHigh() - last.dropLow()).isBetween(0.12, 0.167);
  }

  @Test
  void aPerturbationThatKeepsRowIdentityIsPaired() {
    Perturbation nothing =
        new Perturbation() {
          @Override
          public Table apply(Table table, double severity, Seed seed) {
            return table;
          }

          @Override
          public boolean keepsRowIdentity() {
            return true;
          }
        };
    RobustnessCurve curve =
        RobustnessSweep.withDefaults()
            .withSeverities(0, 1)
            .withResamples(200)
            .run(GUESS, halfRight(), "y", "nothing", nothing, Seed.of(5));
    // Paired on the same rows, every resample's drop is exactly 0.
    assertThat(curve.paired()).isTrue();
    for (RobustnessCurve.Point p : curve.points()) {
      assertThat(p.dropLow()).isZero();
      assertThat(p.dropHigh()).isZero();
    }
    // The same no-change declared as a resampling perturbation gets an interval of real width.
    Perturbation unpaired = (table, severity, seed) -> table;
    RobustnessCurve.Point p =
        RobustnessSweep.withDefaults()
            .withSeverities(0, 1)
            .withResamples(200)
            .run(GUESS, halfRight(), "y", "same", unpaired, Seed.of(5))
            .points()
            .get(1);
    assertThat(p.dropHigh() - p.dropLow()).isGreaterThan(0.05);
    assertThat(p.drop()).isCloseTo(0, within(1e-15));
  }

  @Test
  void aPerturbationThatClaimsRowIdentityButDropsRowsIsAnInternalError() {
    Perturbation liar =
        new Perturbation() {
          @Override
          public Table apply(Table table, double severity, Seed seed) {
            return severity == 0 ? table : table.slice(0, table.rowCount() - 1);
          }

          @Override
          public boolean keepsRowIdentity() {
            return true;
          }
        };
    assertThatThrownBy(
            () ->
                RobustnessSweep.withDefaults()
                    .withSeverities(0, 1)
                    .run(GUESS, halfRight(), "y", "liar", liar, Seed.of(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("liar says it keeps row identity but returned 399 rows for 400");
  }
}
