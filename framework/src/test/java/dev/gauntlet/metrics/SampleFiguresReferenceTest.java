package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.random.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Detection, PRDC and MMD on a small fixed pair of tables (60 real and 45 synthetic rows: two
 * correlated numeric columns and a three-level categorical one, the synthetic side shifted),
 * against values computed independently by
 * src/test/resources/dev/gauntlet/metrics/detection_reference.py with Debian bookworm's numpy
 * 1.24.2, scipy 1.10.1 and scikit-learn 1.2.1 (/usr/bin/python3). PRDC there is the logic of {@code
 * prdc.compute_prdc} (clovaai/generative-evaluation-prdc), distances by scikit-learn's {@code
 * pairwise_distances}; MMD from {@code scipy.spatial.distance.pdist/cdist}; detection from {@code
 * LogisticRegression(C=1, solver="newton-cg")} and {@code roc_auc_score} on Gauntlet's folds
 * (detection_folds.txt, checked below). The tables were made by make_detection_data.py.
 */
class SampleFiguresReferenceTest {
  private static final Seed SEED = Seed.of(42);

  @Test
  void prdcMatchesTheReferenceImplementation() {
    Prdc five = Prdc.of(real(), synthetic());
    // python: {'precision': 0.9777777777777777, 'recall': 1.0, 'density': 0.8222222222222222,
    //          'coverage': 0.7833333333333333}  (44/45, 60/60, 185/225, 47/60)
    assertThat(five.precision()).isCloseTo(0.9777777777777777, within(1e-15));
    assertThat(five.recall()).isEqualTo(1.0);
    assertThat(five.density()).isCloseTo(0.8222222222222222, within(1e-15));
    assertThat(five.coverage()).isCloseTo(0.7833333333333333, within(1e-15));
    assertThat(five.realRows()).isEqualTo(60);
    assertThat(five.syntheticRows()).isEqualTo(45);

    Prdc three = Prdc.of(real(), synthetic(), 3);
    // python, k = 3: 0.8444444444444444, 0.9333333333333333, 0.8962962962962964, 0.6833333333333333
    assertThat(three.precision()).isCloseTo(0.8444444444444444, within(1e-15));
    assertThat(three.recall()).isCloseTo(0.9333333333333333, within(1e-15));
    assertThat(three.density()).isCloseTo(0.8962962962962964, within(1e-15));
    assertThat(three.coverage()).isCloseTo(0.6833333333333333, within(1e-15));
  }

  @Test
  void mmdMatchesScipy() {
    Mmd mmd = Mmd.of(real(), synthetic(), SEED);
    // python: np.median(pdist(pooled)) = 2.241078725983969; unbiased MMD^2 = 0.05184264093260205
    assertThat(mmd.bandwidth()).isCloseTo(2.241078725983969, within(1e-13));
    assertThat(mmd.mmd2()).isCloseTo(0.05184264093260205, within(1e-13));
    // the permutations are Gauntlet's own streams, so this one is pinned from this implementation,
    // not from Python: none of the 100 permuted statistics reached the observed one
    assertThat(mmd.pValue()).isEqualTo(1.0 / 101);
  }

  @Test
  void detectionMatchesScikitLearnOnTheSameFolds() {
    Table labelled = Detection.labelledFeatures(real(), synthetic());
    int[] folds =
        CrossValidation.stratified(3, SEED.derive("detection"))
            .assignFolds(labelled, Detection.LABEL);
    assertThat(folds).containsExactly(referenceFolds());

    Detection d = Detection.of(real(), synthetic(), SEED);
    // python: fold AUCs 0.5933333333333333, 0.6133333333333333, 0.6466666666666667;
    // mean 0.6177777777777778; score 0.7644444444444445
    assertThat(d.foldAuc().stream().mapToDouble(Double::doubleValue).toArray())
        .containsExactly(
            new double[] {0.5933333333333333, 0.6133333333333333, 0.6466666666666667},
            within(1e-12));
    assertThat(d.auc()).isCloseTo(0.6177777777777778, within(1e-12));
    assertThat(d.score()).isCloseTo(0.7644444444444445, within(1e-12));
  }

  static Table real() {
    return read("detection_real.csv");
  }

  static Table synthetic() {
    return read("detection_synthetic.csv");
  }

  private static int[] referenceFolds() {
    try (InputStream in = resource("detection_folds.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
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
    return Objects.requireNonNull(SampleFiguresReferenceTest.class.getResourceAsStream(name), name);
  }
}
