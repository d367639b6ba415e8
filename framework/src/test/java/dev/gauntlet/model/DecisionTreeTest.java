package dev.gauntlet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DecisionTreeTest {

  @Test
  void depthOneSplitsOnTheSeparatingFeatureMidway() {
    Table data = TestTables.separable();
    DecisionTree tree = DecisionTree.trainer("y").withMaxDepth(1).fit(data);

    assertThat(tree.nodeCount()).isEqualTo(3);
    assertThat(tree.depth()).isEqualTo(1);
    assertThat(tree.featureNames().get(tree.splitFeature(0))).isEqualTo("x");
    // x is standardized (mean 5); 3 and 7 sit symmetrically around it, so midway is 0.
    assertThat(tree.splitThreshold(0)).isCloseTo(0.0, within(1e-15));
    assertThat(CrossValidation.accuracy(tree, data, "y")).isEqualTo(1.0);
    assertThat(tree.predictProba(data).column(0)).containsExactly(1, 1, 1, 0, 0, 0);
  }

  @Test
  void matchesScikitLearnOnIris() {
    // scikit-learn 1.2.1, DecisionTreeClassifier(max_depth=3, min_samples_leaf=5), fitted on all
    // 150 iris rows (script: src/test/resources/dev/gauntlet/model/sklearn_reference.py). Every
    // random_state from 0 to 19 gives these values, so they do not depend on tie-breaking.
    Table iris = TestTables.iris();
    DecisionTree tree =
        DecisionTree.trainer("species").withMaxDepth(3).withMinSamplesLeaf(5).fit(iris);

    assertThat(CrossValidation.accuracy(tree, iris, "species")).isEqualTo(0.9733333333333334);
    assertThat(tree.leafCount()).isEqualTo(5);
    ClassProbabilities p = tree.predictProba(iris);
    assertThat(new double[] {p.get(0, 0), p.get(0, 1), p.get(0, 2)})
        .containsExactly(new double[] {1, 0, 0}, within(1e-12));
    assertThat(new double[] {p.get(70, 0), p.get(70, 1), p.get(70, 2)})
        .containsExactly(new double[] {0, 1.0 / 6, 5.0 / 6}, within(1e-12));
    assertThat(new double[] {p.get(120, 0), p.get(120, 1), p.get(120, 2)})
        .containsExactly(new double[] {0, 0, 1}, within(1e-12));
  }

  @Test
  void everyLeafHoldsAtLeastMinSamplesLeafRows() {
    Table iris = TestTables.iris();
    DecisionTree tree = DecisionTree.trainer("species").withMinSamplesLeaf(20).fit(iris);

    TreeMap<Integer, Integer> rowsPerLeaf = new TreeMap<>();
    for (int leaf : tree.apply(iris)) {
      rowsPerLeaf.merge(leaf, 1, Integer::sum);
    }
    assertThat(rowsPerLeaf).hasSize(tree.leafCount());
    assertThat(rowsPerLeaf.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));
    assertThat(tree.leafCount()).isGreaterThan(2);
  }

  @Test
  void unlimitedDepthFitsDistinctRowsExactly() {
    Table iris = TestTables.iris();
    DecisionTree tree = DecisionTree.trainer("species").fit(iris);

    // No two iris rows share their measurements but differ in species, so leaves can be pure.
    assertThat(CrossValidation.accuracy(tree, iris, "species")).isEqualTo(1.0);
  }

  @Test
  void probabilitiesSumToOne() {
    Table iris = TestTables.iris();
    ClassProbabilities p =
        DecisionTree.trainer("species").withMaxDepth(2).fit(iris).predictProba(iris);

    for (int r = 0; r < p.rows(); r++) {
      assertThat(p.get(r, 0) + p.get(r, 1) + p.get(r, 2)).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void sameSeedGivesIdenticalProbabilities() {
    Table iris = TestTables.iris();
    var trainer = DecisionTree.trainer("species").withMaxDepth(4).withSeed(Seed.of(7));

    assertThat(trainer.fit(iris).predictProba(iris))
        .isEqualTo(trainer.fit(iris).predictProba(iris));
  }

  @Test
  void theSeedBreaksTiesBetweenEquallyGoodSplits() {
    // Two copies of one feature: every split on one is as good as on the other.
    Table data =
        Table.builder()
            .numeric("a", 1, 2, 3, 4, 5, 6)
            .numeric("b", 1, 2, 3, 4, 5, 6)
            .categorical("y", "n", "n", "n", "y", "y", "y")
            .role("y", ColumnRole.LABEL)
            .build();
    Set<String> rootFeatures = new HashSet<>();
    for (long s = 0; s < 20; s++) {
      var trainer = DecisionTree.trainer("y").withMaxDepth(1).withSeed(Seed.of(s));
      DecisionTree first = trainer.fit(data);
      DecisionTree again = trainer.fit(data);
      assertThat(again.splitFeature(0)).isEqualTo(first.splitFeature(0));
      rootFeatures.add(first.featureNames().get(first.splitFeature(0)));
    }
    // Each seed picks one copy, reproducibly; 20 seeds all picking the same one has
    // probability 2 * 2^-20.
    assertThat(rootFeatures).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void unseenCategoryAtPredictionWorks() {
    Table train =
        Table.builder()
            .categorical("colour", "red", "red", "red", "blue", "blue", "blue")
            .categorical("y", "a", "a", "a", "b", "b", "b")
            .build();
    DecisionTree tree = DecisionTree.trainer("y").fit(train);
    Table fresh = Table.builder().categorical("colour", "green", "red").build();

    ClassProbabilities p = tree.predictProba(fresh);

    assertThat(p.rows()).isEqualTo(2);
    assertThat(p.get(0, 0) + p.get(0, 1)).isEqualTo(1.0);
    assertThat(p.get(1, 0)).isEqualTo(1.0);
  }

  @Test
  void missingLabelIsAUserError() {
    Table train = Table.builder().numeric("x", 1, 2, 3).categorical("y", "a", "b", null).build();

    assertThatThrownBy(() -> DecisionTree.trainer("y").fit(train))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("label column \"y\", row 3");
  }

  @Test
  void tableWithoutATrainedColumnIsAUserError() {
    DecisionTree tree = DecisionTree.trainer("species").fit(TestTables.iris());

    assertThatThrownBy(() -> tree.predict(TestTables.iris().drop("sepal_length_cm")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("sepal_length_cm");
  }

  @Test
  void tableWithoutFeaturesIsOneLeaf() {
    Table train = Table.builder().categorical("y", "a", "b", "b", "b").build();
    DecisionTree tree = DecisionTree.trainer("y").fit(train);

    assertThat(tree.nodeCount()).isEqualTo(1);
    assertThat(tree.predictProba(train).column(1)).containsExactly(0.75, 0.75, 0.75, 0.75);
  }

  @Test
  void settingsAreValidated() {
    var trainer = DecisionTree.trainer("y");
    assertThatThrownBy(() -> trainer.withMaxDepth(0)).hasMessage("max depth is not positive: 0");
    assertThatThrownBy(() -> trainer.withMinSamplesLeaf(0))
        .hasMessage("min samples per leaf is not positive: 0");
    assertThatThrownBy(() -> trainer.withSeed(null)).isInstanceOf(NullPointerException.class);
  }
}
