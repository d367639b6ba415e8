package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.random.Seed;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SplitTest {

  /** 1000 rows with ids 0..999 and classes a (600 rows), b (300), c (90), missing (10). */
  private static Table data() {
    double[] ids = new double[1000];
    String[] classes = new String[1000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
      // interleaved, so a split that took a prefix would not keep proportions
      int m = i % 100;
      classes[i] = m < 60 ? "a" : m < 90 ? "b" : m < 99 ? "c" : null;
    }
    return Table.builder().numeric("id", ids).categorical("k", classes).build();
  }

  private static double[] ids(Table t) {
    return t.numeric("id").values();
  }

  private static void assertDisjointCompleteAndOrdered(Split s, int rows) {
    double[] train = ids(s.train());
    double[] test = ids(s.test());
    double[] all = new double[train.length + test.length];
    System.arraycopy(train, 0, all, 0, train.length);
    System.arraycopy(test, 0, all, train.length, test.length);
    Arrays.sort(all);
    double[] expected = new double[rows];
    Arrays.setAll(expected, i -> i);
    assertThat(all).as("every row in exactly one part").containsExactly(expected);
    assertThat(train).as("train keeps row order").isSorted();
    assertThat(test).as("test keeps row order").isSorted();
  }

  private static Map<String, Integer> classCounts(Table t) {
    Map<String, Integer> counts = new TreeMap<>();
    CategoricalColumn k = t.categorical("k");
    for (int r = 0; r < k.size(); r++) {
      counts.merge(String.valueOf(k.level(r)), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void splitHasTheRoundedSizeAndIsDisjointAndComplete() {
    Split s = data().split(0.25, Seed.of(3));

    assertThat(s.test().rowCount()).isEqualTo(250);
    assertThat(s.train().rowCount()).isEqualTo(750);
    assertDisjointCompleteAndOrdered(s, 1000);
    assertThat(s.train().schema()).isEqualTo(data().schema());
    assertThat(data().slice(0, 7).split(0.5, Seed.of(3)).test().rowCount()).isEqualTo(4);
  }

  @Test
  void splitIsAFunctionOfTheSeed() {
    Table t = data();

    assertThat(t.split(0.3, Seed.of(11))).isEqualTo(t.split(0.3, Seed.of(11)));
    assertThat(ids(t.split(0.3, Seed.of(11)).test()))
        .isNotEqualTo(ids(t.split(0.3, Seed.of(12)).test()));
  }

  @Test
  void splitAcceptsTheEndsOfTheRangeAndNothingBeyond() {
    Table t = data();

    assertThat(t.split(0, Seed.of(1)).test().rowCount()).isZero();
    assertThat(t.split(1, Seed.of(1)).train().rowCount()).isZero();
    for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> t.split(bad, Seed.of(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("test fraction is not within [0, 1]");
      assertThatThrownBy(() -> t.stratifiedSplit("k", bad, Seed.of(1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void stratifiedSplitKeepsClassProportionsExactly() {
    Split s = data().stratifiedSplit("k", 0.2, Seed.of(5));

    assertThat(classCounts(s.test())).isEqualTo(Map.of("a", 120, "b", 60, "c", 18, "null", 2));
    assertThat(classCounts(s.train())).isEqualTo(Map.of("a", 480, "b", 240, "c", 72, "null", 8));
    assertDisjointCompleteAndOrdered(s, 1000);
  }

  @Test
  void stratifiedSplitOnANumericColumnReadsValuesAsClasses() {
    double[] y = new double[200];
    double[] ids = new double[200];
    for (int i = 0; i < y.length; i++) {
      ids[i] = i;
      y[i] = i % 4 == 0 ? 1 : 0; // 50 ones, 150 zeros
    }
    Table t = Table.builder().numeric("id", ids).numeric("y", y).build();

    Split s = t.stratifiedSplit("y", 0.5, Seed.of(9));

    assertThat(Arrays.stream(s.test().numeric("y").values()).sum()).isEqualTo(25);
    assertThat(s.test().rowCount()).isEqualTo(100);
    assertDisjointCompleteAndOrdered(s, 200);
  }

  @Test
  void stratifiedSplitIsAFunctionOfTheSeed() {
    Table t = data();

    assertThat(t.stratifiedSplit("k", 0.3, Seed.of(21)))
        .isEqualTo(t.stratifiedSplit("k", 0.3, Seed.of(21)));
    assertThat(ids(t.stratifiedSplit("k", 0.3, Seed.of(21)).test()))
        .isNotEqualTo(ids(t.stratifiedSplit("k", 0.3, Seed.of(22)).test()));
  }

  @Test
  void classCodesNumberNumericValuesInOrderWithMissingLast() {
    Table t = Table.builder().numeric("y", 2.5, Double.NaN, -1, 2.5, 7).build();

    assertThat(t.classCodes("y")).containsExactly(1, 3, 0, 1, 2);
  }
}
