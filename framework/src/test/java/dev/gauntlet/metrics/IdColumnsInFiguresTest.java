package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Id columns count as data in no figure (issue 10, item 6): a synthetic copy of the real rows with
 * fresh ids (as the statistical generators write them) is a perfect copy for every figure.
 */
class IdColumnsInFiguresTest {

  private static Table rows(int n, String idPrefix, long seed) {
    UniformRandomProvider rng = Seed.of(seed).rng();
    double[] x = new double[n];
    String[] c = new String[n];
    String[] y = new String[n];
    String[] id = new String[n];
    for (int r = 0; r < n; r++) {
      x[r] = rng.nextDouble() * 2 - 1;
      c[r] = rng.nextBoolean() ? "a" : "b";
      y[r] = x[r] > 0 ? "yes" : "no";
      id[r] = idPrefix + r;
    }
    return Table.builder()
        .categorical("id", id)
        .numeric("x", x)
        .categorical("c", c)
        .categorical("y", y)
        .build();
  }

  /** The real table with its id marked; the copy as read from a file: no roles at all. */
  private static final Table REAL = rows(200, "real-", 1).withRole("id", ColumnRole.ID);

  private static final Table COPY = rows(200, "synthetic-", 1);

  @Test
  void fidelityLeavesIdsOut() {
    Fidelity f = Fidelity.compare(REAL, COPY);

    assertThat(f.columns()).containsOnlyKeys("x", "c", "y");
    // the data columns are identical: every shape, pair and distance figure is perfect
    assertThat(f.qualityScore()).isCloseTo(1, within(1e-12));
    assertThat(f.frechetDistanceEncoded()).isCloseTo(0, within(1e-9));
  }

  @Test
  void theEncodedFrechetDistanceLeavesIdsOut() {
    assertThat(Frechet.encoded(REAL, COPY)).isCloseTo(0, within(1e-9));
  }

  @Test
  void privacyCountsRowsThatDifferOnlyInTheirIdAsCopies() {
    Privacy p = Privacy.of(REAL, COPY, 1000, Seed.of(0));

    assertThat(p.exactCopyShare()).isEqualTo(1);
    assertThat(p.dcrMedian()).isZero();
    DcrOverfitting o = DcrOverfitting.of(REAL, rows(200, "holdout-", 2), COPY, 1000, Seed.of(0));
    // every synthetic row is at distance 0 from the training rows: all closer to training
    assertThat(o.closerToTraining()).isEqualTo(1);
  }

  @Test
  void driftLeavesIdsOut() {
    Drift d = Drift.of(REAL, COPY, Drift.Options.defaults());

    assertThat(d.columns()).containsOnlyKeys("x", "c", "y");
    assertThat(d.datasetDrift()).isFalse();
  }

  @Test
  void sampleFiguresLeaveIdsOut() {
    Table realData = REAL.drop("id");
    Table copyData = COPY.drop("id");

    assertThat(Detection.of(REAL, COPY, Seed.of(0)))
        .isEqualTo(Detection.of(realData, copyData, Seed.of(0)));
    assertThat(Mmd.of(REAL, COPY, Seed.of(0))).isEqualTo(Mmd.of(realData, copyData, Seed.of(0)));
    Prdc prdc = Prdc.of(REAL, COPY);
    // every synthetic row equals a real one: inside its neighbourhood, and each real row covered
    assertThat(prdc.precision()).isEqualTo(1);
    assertThat(prdc.coverage()).isEqualTo(1);
  }

  @Test
  void utilityTrainsOnNoIdEvenWhenTheSyntheticTableHasNoRoles() {
    Split split = REAL.withRole("y", ColumnRole.LABEL).split(0.3, Seed.of(4));
    Table synthetic = rows(200, "s", 5);

    Utility u = Utility.of(split, synthetic, "y");
    Utility withoutId = Utility.of(split, synthetic.drop("id"), "y");

    assertThat(u).isEqualTo(withoutId);
  }

  @Test
  void utilityMeasuresOnTheCallersSplit() {
    Table labelled = REAL.withRole("y", ColumnRole.LABEL);
    Split split = labelled.split(0.25, Seed.of(7));

    Utility u = Utility.of(split, COPY, "y");

    assertThat(u.trainRealRows()).isEqualTo(150);
    assertThat(u.holdoutRows()).isEqualTo(50);
    var onTrain = dev.gauntlet.model.LogisticRegression.trainer("y").fit(split.train());
    assertThat(u.accuracyRealTrained())
        .isEqualTo(dev.gauntlet.model.CrossValidation.accuracy(onTrain, split.test(), "y"));
  }
}
