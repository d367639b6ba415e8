package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Table;
import dev.gauntlet.data.TablePair;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.random.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The figures {@code gauntlet compare REAL SYNTH --holdout HOLDOUT --json} reports beyond the
 * per-column ones (PRDC, detection, MMD with its bandwidth and p-value, the distances to the
 * closest record and their baseline, exact copies, DCR overfitting, SDMetrics' contingency
 * similarity and the shared-bin variant, the encoded Fréchet distance and the drifted share),
 * computed through the same library calls as the command with its defaults (seed 0, subsamples of
 * at most 5,000 rows), against values computed independently by
 * src/test/resources/dev/gauntlet/metrics/compare_reference/compare_reference.py (numpy 1.24.2,
 * scipy 1.10.1, scikit-learn 1.2.1; its output is compare_reference.out beside it). The real table
 * is iris and iris_noise its noisy copy, from the shared reference case iris_noise
 * (../shared/reference/iris_noise, copied); iris_shifted (two columns shifted, 120 rows) and
 * iris_slight (one column slightly shifted) are made from them by make_shifted.py. The figures go
 * through the library, not compare's JSON keys, so that renaming a key does not touch this test.
 */
class CompareFiguresReferenceTest {
  private static final Seed SEED = Seed.of(0); // compare's default --seed
  private static final int MAX_ROWS = 5000; // compare's default --max-rows
  private static final JsonNode EXPECTED = expected();

  @ParameterizedTest
  @ValueSource(strings = {"iris_noise", "iris_shifted", "iris_slight"})
  void sampleFiguresMatchTheReference(String name) {
    JsonNode e = EXPECTED.get(name);
    Table real = read("iris.csv");
    Table synthetic = read(name + ".csv");
    // as compare: one pair of subsamples (here the whole tables) for privacy, detection, PRDC, MMD
    TablePair sub = Privacy.subsamples(real, synthetic, MAX_ROWS, SEED);
    assertThat(sub.real().rowCount()).isEqualTo(e.get("rows").get(0).asInt());
    assertThat(sub.synthetic().rowCount()).isEqualTo(e.get("rows").get(1).asInt());

    Prdc prdc = Prdc.of(sub.real(), sub.synthetic());
    JsonNode p = e.get("prdc");
    // PRDC are ratios of counts: exact up to the last bit
    assertThat(prdc.precision()).isCloseTo(p.get("precision").asDouble(), within(1e-15));
    assertThat(prdc.recall()).isCloseTo(p.get("recall").asDouble(), within(1e-15));
    assertThat(prdc.density()).isCloseTo(p.get("density").asDouble(), within(1e-15));
    assertThat(prdc.coverage()).isCloseTo(p.get("coverage").asDouble(), within(1e-15));

    Mmd mmd = Mmd.of(sub.real(), sub.synthetic(), SEED);
    JsonNode m = e.get("mmd");
    assertThat(mmd.bandwidth()).isCloseTo(m.get("bandwidth").asDouble(), within(1e-13));
    assertThat(mmd.mmd2()).isCloseTo(m.get("mmd2").asDouble(), within(1e-13));
    // the p-value comes from 100 permutations of Gauntlet's own streams, the reference's from
    // 5,000 of numpy's: Gauntlet's count of permuted statistics at least the observed one is
    // binomial(100, p), so it stays within 4 sd + 1/101 of the reference (a false failure has a
    // probability below 1e-4, and the seed is fixed anyway); a p-value computed the wrong way
    // round (1 - p) or from the wrong tail misses it in all three cases (p about 0.001, 0.22, 1)
    double reference = m.get("p_value").asDouble();
    double sd = Math.sqrt(reference * (1 - reference) / 100);
    assertThat(mmd.pValue()).isCloseTo(reference, within(4 * sd + 1.0 / 101));
    assertThat(mmd.pValue()).isGreaterThanOrEqualTo(1.0 / 101);

    Table labelled = Detection.labelledFeatures(sub.real(), sub.synthetic());
    int[] folds =
        CrossValidation.stratified(3, SEED.derive("detection"))
            .assignFolds(labelled, Detection.LABEL);
    assertThat(folds).as("the folds the reference used").containsExactly(folds(name));
    Detection detection = Detection.of(sub.real(), sub.synthetic(), SEED);
    JsonNode d = e.get("detection");
    double[] foldAuc = new double[3];
    for (int f = 0; f < 3; f++) {
      foldAuc[f] = d.get("fold_auc").get(f).asDouble();
    }
    // two fits of the same convex problem to tight tolerances: AUCs (ranks) agree to 1e-12
    assertThat(detection.foldAuc().stream().mapToDouble(Double::doubleValue).toArray())
        .containsExactly(foldAuc, within(1e-12));
    assertThat(detection.auc()).isCloseTo(d.get("auc").asDouble(), within(1e-12));
    assertThat(detection.score()).isCloseTo(d.get("score").asDouble(), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris_noise", "iris_shifted", "iris_slight"})
  void privacyFiguresMatchTheReference(String name) {
    JsonNode e = EXPECTED.get(name);
    Table real = read("iris.csv");
    Table synthetic = read(name + ".csv");
    TablePair sub = Privacy.subsamples(real, synthetic, MAX_ROWS, SEED);
    Privacy privacy = Privacy.of(real, synthetic, sub, SEED);
    assertThat(privacy.realRows()).isEqualTo(e.get("rows").get(0).asInt());
    assertThat(privacy.syntheticRows()).isEqualTo(e.get("rows").get(1).asInt());
    assertThat(privacy.dcrMedian()).isCloseTo(e.get("dcr_median").asDouble(), within(1e-12));
    assertThat(privacy.exactCopyShare()).isEqualTo(e.get("exact_copy_share").asDouble());
    assertThat(privacy.comparedCopyShare()).isEqualTo(e.get("exact_copy_share").asDouble());
    // the baseline rows are drawn at random, by Gauntlet's stream here and numpy's there: the
    // reference gives the mean and sd of the baseline median over 500 draws, and one draw stays
    // within 5 sd of the mean (the median of 120-150 row distances is close to normal)
    double mean = e.get("dcr_baseline_median_mean").asDouble();
    double sd = e.get("dcr_baseline_median_sd").asDouble();
    assertThat(privacy.dcrBaselineMedian()).isCloseTo(mean, within(5 * sd));
    assertThat(privacy.dcrBaselineProtection())
        .isCloseTo(Math.min(1, privacy.dcrMedian() / privacy.dcrBaselineMedian()), within(1e-15));
    // and far from 1: the noisy copies sit much closer to real rows than random rows do
    assertThat(privacy.dcrBaselineProtection())
        .isCloseTo(e.get("dcr_median").asDouble() / mean, within(0.05));

    // training rows the even rows of the real table, holdout the odd ones
    Table training =
        real.take(IntStream.range(0, real.rowCount()).filter(r -> r % 2 == 0).toArray());
    Table holdout =
        real.take(IntStream.range(0, real.rowCount()).filter(r -> r % 2 == 1).toArray());
    DcrOverfitting o = DcrOverfitting.of(training, holdout, synthetic, MAX_ROWS, SEED);
    JsonNode of = e.get("dcr_overfitting");
    assertThat(o.syntheticRows()).isEqualTo(synthetic.rowCount());
    assertThat(o.closerToTraining())
        .isCloseTo(of.get("closer_to_training").asDouble(), within(1e-12));
    assertThat(o.score()).isCloseTo(of.get("score").asDouble(), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris_noise", "iris_shifted", "iris_slight"})
  void tableFiguresMatchTheReference(String name) {
    JsonNode e = EXPECTED.get(name);
    Table real = read("iris.csv");
    Table synthetic = read(name + ".csv");
    Fidelity f = Fidelity.compare(real, synthetic);
    // scipy's sqrtm and Gauntlet's eigen-decomposition agree to about 1e-8 relative here
    double frechet = e.get("frechet_distance_encoded").asDouble();
    assertThat(f.frechetDistanceEncoded()).isCloseTo(frechet, within(frechet * 1e-7));
    double raw = e.get("frechet_distance").asDouble();
    assertThat(f.frechetDistance()).isCloseTo(raw, within(raw * 1e-7));
    double standardized = e.get("frechet_distance_standardized").asDouble();
    assertThat(f.frechetDistanceStandardized())
        .isCloseTo(standardized, within(standardized * 1e-7));
    e.get("moments")
        .fields()
        .forEachRemaining(
            c -> {
              NumericFidelity n = (NumericFidelity) f.columns().get(c.getKey());
              JsonNode m = c.getValue();
              assertThat(n.meanReal()).isCloseTo(m.get("mean_real").asDouble(), within(1e-12));
              assertThat(n.stdReal()).isCloseTo(m.get("std_real").asDouble(), within(1e-12));
              assertThat(n.meanSynthetic())
                  .isCloseTo(m.get("mean_synthetic").asDouble(), within(1e-12));
              assertThat(n.stdSynthetic())
                  .isCloseTo(m.get("std_synthetic").asDouble(), within(1e-12));
            });
    assertThat(f.contingencySimilarity())
        .isCloseTo(e.get("contingency_similarity").asDouble(), within(1e-12));
    assertThat(f.contingencySimilaritySharedBins())
        .isCloseTo(e.get("contingency_similarity_shared_bins").asDouble(), within(1e-12));

    Drift drift = Drift.of(real, synthetic, Drift.Options.defaults());
    JsonNode dr = e.get("drift");
    List<String> drifted = new ArrayList<>();
    for (Map.Entry<String, Drift.ColumnDrift> c : drift.columns().entrySet()) {
      double pValue = dr.get("p_values").get(c.getKey()).asDouble();
      // p-values to 1e-6 relative (the shared reference's tolerance)
      assertThat(c.getValue().pValue()).as(c.getKey()).isCloseTo(pValue, within(pValue * 1e-6));
      if (c.getValue().drifted()) {
        drifted.add(c.getKey());
      }
    }
    List<String> expectedDrifted = new ArrayList<>();
    dr.get("drifted").forEach(n -> expectedDrifted.add(n.asText()));
    assertThat(drifted).isEqualTo(expectedDrifted);
    assertThat(drift.shareDrifted()).isEqualTo(dr.get("share").asDouble());
    assertThat(drift.datasetDrift()).isEqualTo(dr.get("share").asDouble() >= 0.5);
  }

  /** Each drift test forced on every column it applies to ({@code compare --drift-test}). */
  @ParameterizedTest
  @ValueSource(strings = {"iris_noise", "iris_shifted", "iris_slight"})
  void forcedDriftTestsMatchTheReference(String name) {
    JsonNode e = EXPECTED.get(name).get("forced_drift");
    Table real = read("iris.csv");
    Table synthetic = read(name + ".csv");
    for (Drift.Test test :
        List.of(Drift.Test.CHI_SQUARE, Drift.Test.JENSEN_SHANNON, Drift.Test.WASSERSTEIN)) {
      Drift drift = Drift.of(real, synthetic, Drift.Options.defaults().withTest(test));
      JsonNode expected = e.get(test.id());
      int drifted = 0;
      for (Map.Entry<String, Drift.ColumnDrift> c : drift.columns().entrySet()) {
        Drift.ColumnDrift d = c.getValue();
        if (!expected.has(c.getKey())) {
          // Wasserstein is for numeric columns: species keeps its default test
          assertThat(d.forced()).as(c.getKey()).isFalse();
          drifted += d.drifted() ? 1 : 0;
          continue;
        }
        assertThat(d.test()).isEqualTo(test);
        JsonNode x = expected.get(c.getKey());
        double statistic = x.isObject() ? x.get("statistic").asDouble() : x.asDouble();
        if (Double.isInfinite(statistic)) {
          assertThat(d.statistic()).as(c.getKey()).isEqualTo(statistic);
        } else {
          assertThat(d.statistic()).as(c.getKey()).isCloseTo(statistic, within(1e-12));
        }
        if (test.isPValue()) {
          double p = x.get("p_value").asDouble();
          assertThat(d.pValue()).as(c.getKey()).isCloseTo(p, within(p * 1e-6 + 1e-300));
          assertThat(d.drifted()).isEqualTo(p < 0.05);
        } else {
          // Evidently's distance threshold 0.1
          assertThat(d.drifted()).as(c.getKey()).isEqualTo(statistic >= 0.1);
        }
        drifted += d.drifted() ? 1 : 0;
      }
      assertThat(drift.shareDrifted()).isEqualTo(drifted / 5.0);
    }
  }

  private static int[] folds(String name) {
    try (InputStream in = resource("folds_" + name + ".txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode expected() {
    try (InputStream in = resource("compare_reference.out")) {
      // Python writes an infinite chi-square statistic as Infinity
      return JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build()
          .readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Table read(String name) {
    try (Reader in = new InputStreamReader(resource(name), StandardCharsets.UTF_8)) {
      return Csv.read(in, name, CsvOptions.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(
        CompareFiguresReferenceTest.class.getResourceAsStream("compare_reference/" + name), name);
  }
}
