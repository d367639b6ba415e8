package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.PerturbationResult;
import dev.gauntlet.spi.Registry;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The perturbations that resample or insert rows: what they keep, bound and report. */
class ResamplingTest {
  final Registry<PerturbationProvider> registry = Registry.perturbations();

  /** credit_g with a column "id" holding each row's index. */
  static Table withIds() {
    Table t = Data.creditG();
    double[] id = new double[t.rowCount()];
    for (int r = 0; r < id.length; r++) {
      id[r] = r;
    }
    return t.withColumn(ColumnSpec.numeric("id"), NumericColumn.of(id));
  }

  @Test
  void duplicatesInsertsCopiesAndKeepsTheOriginalOrder() {
    Table in = withIds().withRole("id", dev.gauntlet.data.ColumnRole.ID);
    Perturbation dup = registry.get("duplicates").create(Map.of("rate", "0.1"));
    PerturbationResult result = dup.applyWithSummary(in, 1, Seed.of(3));
    Table out = result.table();
    assertThat(out.rowCount()).isEqualTo(1100);
    assertThat(result.rowsAdded()).isEqualTo(100);
    assertThat(result.cellsChanged()).hasValue(0);
    // The ids 0..999 appear in order as a subsequence; the 100 others are copies.
    double[] ids = out.numeric("id").values();
    int next = 0;
    for (double id : ids) {
      if (next < 1000 && id == next) {
        next++;
      }
    }
    assertThat(next).isEqualTo(1000);
    // Copies are spread over the file, not appended: each tenth of it holds some. 100 copies at
    // uniform positions leave a tenth empty with probability 0.9^100 = 3e-5.
    Set<Double> seen = new TreeSet<>();
    int[] perTenth = new int[10];
    for (int r = 0; r < ids.length; r++) {
      if (!seen.add(ids[r])) {
        perTenth[r * 10 / ids.length]++;
      }
    }
    assertThat(Arrays.stream(perTenth).min().getAsInt()).isPositive();
    assertThat(dup.keepsRowIdentity()).isFalse();
  }

  /**
   * 995 ages from 20 to 39 and 5 from 64 to 66 (the skewed column): with the old unbounded
   * weights (log-odds 2 per sd) the five rows became most of the output. With the default
   * max-weight 5 each gets 5 copies on average: 25 of 1000 rows.
   */
  static Table skewedAges() {
    double[] age = new double[1000];
    for (int r = 0; r < 995; r++) {
      age[r] = 20 + r % 20;
    }
    for (int r = 995; r < 1000; r++) {
      age[r] = 64 + (r - 995) % 3;
    }
    double[] id = new double[1000];
    for (int r = 0; r < id.length; r++) {
      id[r] = r;
    }
    return Table.builder().numeric("age", age).numeric("id", id).build();
  }

  @Test
  void selectionBiasBoundsWhatAFewExtremeRowsBecome() {
    Table in = skewedAges();
    Perturbation bias =
        registry.get("selection-bias").create(Map.of("column", "age", "immutable", "id"));
    PerturbationResult result = bias.applyWithSummary(in, 1, Seed.of(1));
    long old = Arrays.stream(result.table().numeric("age").values()).filter(a -> a >= 64).count();
    // Expected 25 (5 rows x weight 5); the copies drawn for them are about binomial with sd
    // below 5, so 45 is 4 sd above the mean. The unbounded weights gave about 1000.
    assertThat(old).isBetween(10L, 45L);
    assertThat(result.rowsReplaced()).isPositive();
    // The weights' Kish size: well below 1000 (the sample is biased), far above 5.
    assertThat(result.effectiveSampleSize()).isPresent();
    assertThat(result.effectiveSampleSize().getAsDouble()).isBetween(100.0, 999.0);
    assertThat(result.describe()).contains("effective sample size");
    // A larger bound lets them take more.
    Table loose =
        registry
            .get("selection-bias")
            .create(Map.of("column", "age", "max-weight", "100"))
            .apply(in, 1, Seed.of(1));
    assertThat(Arrays.stream(loose.numeric("age").values()).filter(a -> a >= 64).count())
        .isGreaterThan(300);
  }

  @Test
  void cappedWeightsHaveMeanOneAndNoneAboveTheCap() {
    double[] w = {1, 2, 3, 1000, 4000, 0.5, 0};
    double[] c = Sampling.capped(w, 2);
    assertThat(Arrays.stream(c).sum()).isCloseTo(7, within(1e-12));
    assertThat(Arrays.stream(c).max().getAsDouble()).isCloseTo(2, within(1e-12));
    // Below the cap the proportions stay: 1 : 3 : 0.5 : 0.
    assertThat(c[2] / c[0]).isCloseTo(3, within(1e-12));
    assertThat(c[5] / c[0]).isCloseTo(0.5, within(1e-12));
    assertThat(c[6]).isZero();
    assertThat(c[3]).isEqualTo(2);
    assertThat(c[4]).isEqualTo(2);
  }

  @Test
  void anInPlaceResampleGivesEachRowItsWeightInCopiesOnAverage() {
    // 8 rows, weights with mean 1.5; 20,000 resamples. A row's copy count per resample is at most
    // 8, so its mean over 20,000 has sd at most sqrt(8^2 / 4 / 20000) = 0.028; 0.12 is > 4 sd.
    double[] w = {0.2, 0.5, 1, 1, 1.5, 2, 2, 3.8};
    UniformRandomProvider rng = Seed.of(9).rng();
    double[] copies = new double[w.length];
    int reps = 20_000;
    for (int i = 0; i < reps; i++) {
      int[] rows = Sampling.inPlace(w, rng);
      for (int r : rows) {
        copies[r]++;
      }
      for (int r = 0; r < rows.length; r++) {
        // Rows at or above the mean weight never lose their place.
        if (w[r] >= 1.5) {
          assertThat(rows[r]).isEqualTo(r);
        }
      }
    }
    for (int r = 0; r < w.length; r++) {
      assertThat(copies[r] / reps).as("row " + r).isCloseTo(w[r] / 1.5, within(0.12));
    }
    // Equal weights: every row in place, in order.
    assertThat(Sampling.inPlace(new double[] {3, 3, 3}, rng)).containsExactly(0, 1, 2);
  }

  @Test
  void priorShiftProportionsThatDoNotSumToOneAreAUserError() {
    for (String shares : new String[] {"good=0.5", "good=0.6;bad=0.6", "good=0;bad=0"}) {
      assertThatThrownBy(() -> registry.get("prior-shift").create(Map.of("proportions", shares)))
          .as(shares)
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("prior-shift: proportions")
          .hasMessageContaining("sum to 1");
    }
    assertThatThrownBy(
            () -> registry.get("prior-shift").create(Map.of("proportions", "good=1.5;bad=-0.5")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("shares from 0 to 1");
    // Thirds written to three places are accepted.
    registry.get("prior-shift").create(Map.of("proportions", "a=0.333;b=0.333;c=0.333"));
  }

  @Test
  void priorShiftReachesTheProportionsAndKeepsTheRowsItDoesNotReplace() {
    Table in = withIds();
    Perturbation prior =
        registry.get("prior-shift").create(Map.of("proportions", "good=0.5;bad=0.5"));
    PerturbationResult result = prior.applyWithSummary(in, 1, Seed.of(2));
    Table out = result.table();
    // 700 good / 300 bad -> 500 / 500: 200 good rows replaced by copies of bad ones.
    assertThat(out.categorical("class").counts()).containsExactly(500, 500);
    assertThat(result.rowsReplaced()).isEqualTo(200);
    int inPlace = 0;
    for (int r = 0; r < out.rowCount(); r++) {
      inPlace += out.numeric("id").get(r) == r ? 1 : 0;
    }
    assertThat(inPlace).isEqualTo(800);
    // Weights 500/700 for good and 500/300 for bad: Kish (Σw)² / Σw² = 1000² / (700 (5/7)² +
    // 300 (5/3)²) = 840.
    assertThat(result.effectiveSampleSize().getAsDouble()).isCloseTo(840, within(1e-9));
    assertThat(prior.keepsRowIdentity()).isFalse();
  }

  @Test
  void onlyTheResamplingPerturbationsGiveUpRowIdentity() {
    Set<String> notKept = new TreeSet<>();
    for (PerturbationProvider p : registry.all()) {
      Map<String, String> params = ValidityPropertyTest.REQUIRED.getOrDefault(p.name(), Map.of());
      Perturbation perturbation = p.create(params);
      assertThat(p.keepsRowIdentity()).as(p.name()).isEqualTo(perturbation.keepsRowIdentity());
      if (!perturbation.keepsRowIdentity()) {
        notKept.add(p.name());
        continue;
      }
      // A row-local perturbation returns the same rows: same count, ids in place.
      Table in = Data.creditG();
      Table out = perturbation.apply(in, 1, Seed.of(4));
      assertThat(out.rowCount()).as(p.name()).isEqualTo(in.rowCount());
    }
    assertThat(notKept).containsExactly("duplicates", "prior-shift", "selection-bias");
  }
}
