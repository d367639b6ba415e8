package dev.gauntlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.random.Seed;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class IndexSortTest {

  @Test
  void sortsStablyLikeABoxedSort() {
    UniformRandomProvider rng = Seed.of(3).rng();
    for (int n : new int[] {0, 1, 2, 3, 7, 64, 1000}) {
      double[] keys = new double[n + 5];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = rng.nextInt(10) - 5; // many ties
      }
      int[] index = IntStream.range(0, n).toArray();
      IndexSort.byValue(index, keys, 5, new int[n]);

      Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(expected, Comparator.comparingDouble(i -> keys[5 + i]));
      assertThat(index).containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
    }
  }
}
