package dev.gauntlet.generators.perturb;

import static dev.gauntlet.generators.perturb.PerturbationEffectSizeTest.perturbation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each column a corruption touches draws from its own stream: two identical columns get different
 * changes. With one stream reused (a column index that is not advanced), they would change in
 * lockstep, a correlation the data never had.
 */
class ColumnStreamsTest {
  static final int N = 400;

  static Table twins() {
    double[] x = new double[N];
    String[] c = new String[N];
    for (int r = 0; r < N; r++) {
      x[r] = 10 + (r % 17) * 0.37;
      c[r] = "level" + (r % 5);
    }
    return Table.builder()
        .numeric("x1", x)
        .numeric("x2", x.clone())
        .categorical("c1", c)
        .categorical("c2", c.clone())
        .build();
  }

  @Test
  void twinColumnsChangeDifferently() {
    Table in = twins();
    for (List<String> params :
        List.of(
            List.of("gaussian-noise", "columns", "x1;x2"),
            List.of("multiplicative-noise", "columns", "x1;x2"),
            List.of("missing", "columns", "x1;x2", "rate", "0.3"),
            List.of("outliers", "columns", "x1;x2", "rate", "0.3"),
            List.of("unit-error", "columns", "x1;x2", "rate", "0.3"),
            List.of("typos", "columns", "c1;c2", "rate", "0.3"))) {
      String[] kv = params.subList(1, params.size()).toArray(String[]::new);
      Table out = perturbation(params.get(0), kv).apply(in, 1, Seed.of(3));
      boolean numeric = params.get(2).startsWith("x");
      String a = numeric ? "x1" : "c1";
      String b = numeric ? "x2" : "c2";
      int changedA = 0;
      int differ = 0;
      for (int r = 0; r < N; r++) {
        String va = out.column(a).format(r);
        String vb = out.column(b).format(r);
        changedA += va.equals(in.column(a).format(r)) ? 0 : 1;
        differ += va.equals(vb) ? 0 : 1;
      }
      assertThat(changedA).as(params.get(0) + " changed cells").isPositive();
      // of some 120 (a rate of 0.3) or 400 changed cells, at most a few can agree by chance
      assertThat(differ).as(params.get(0) + " cells where the twins differ").isGreaterThan(50);
    }
  }

  @Test
  void outliersOfAColumnWithoutSpreadInTheMiddleUseItsStd() {
    // 90 % of the values are 5: the interquartile range is 0, so outliers are placed k std (of
    // the whole column) or more beyond the quartiles, not on them
    double[] v = new double[N];
    for (int r = 0; r < N; r++) {
      v[r] = r % 10 == 0 ? 5 + r * 0.01 : 5;
    }
    Table in = Table.builder().numeric("v", v).build();
    double sd = Domain.meanStd(in.numeric("v"))[1];
    Table out =
        perturbation("outliers", "columns", "v", "rate", "0.5", "k", "3").apply(in, 1, Seed.of(2));
    int far = 0;
    for (int r = 0; r < N; r++) {
      double after = out.numeric("v").get(r);
      if (after != v[r]) {
        assertThat(Math.abs(after - 5)).as("row " + r).isGreaterThanOrEqualTo(3 * sd - 1e-9);
        far++;
      }
    }
    assertThat(far).isGreaterThan(N / 4);
  }
}
