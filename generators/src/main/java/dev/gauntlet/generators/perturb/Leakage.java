package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Leakage injection: test rows copied into training, and a feature that encodes the label. */
public final class Leakage {
  private Leakage() {}

  /**
   * The training table with {@code round(rate * test rows)} test rows (chosen uniformly) appended:
   * the leak a careless split or a join makes.
   */
  public static Table copyTestRows(Table train, Table test, double rate, Seed seed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate is not within [0, 1]: " + rate);
    }
    int[] rows = Sampling.subset(test.rowCount(), rate, seed.rng("copy-test-rows", 0));
    return Table.concat(java.util.List.of(train, test.take(rows)));
  }

  /** Adds a numeric feature that is the label's class index plus Gaussian noise. */
  public static final class LabelLeak extends BaseProvider {
    public LabelLeak() {
      super(
          "label-leak",
          "add a numeric feature that encodes the label (class index plus noise): target leakage",
          param("name", "leak", "the new column's name"),
          param(
              "noise",
              "0.1",
              "standard deviation of the noise, in classes, at severity 1 (the leak weakens as"
                  + " severity falls; at severity 0 no column is added)"));
    }

    @Override
    Body body(Params p) {
      String name = p.string("name");
      double noise = p.number("noise", 0, 1e6);
      return (d, severity, seed) -> {
        String label = d.requireLabel();
        Table t = d.table();
        if (t.schema().contains(name)) {
          throw p.error(
              "name",
              "an existing column \"" + name + "\"",
              "a new column name",
              "choose another name=");
        }
        if (severity == 0) {
          // No leak: at severity 0 the feature would be pure noise, and severity 0 is no change.
          return t;
        }
        CategoricalColumn y = Domain.labelColumn(t, label, p);
        UniformRandomProvider rng = seed.rng("label-leak", 0);
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] v = new double[t.rowCount()];
        // At severity s the feature is the class index with probability s, else a random class.
        int k = Math.max(1, y.levels().size());
        for (int r = 0; r < v.length; r++) {
          int c = y.isMissing(r) ? 0 : y.code(r);
          if (rng.nextDouble() >= severity) {
            c = rng.nextInt(k);
          }
          v[r] = c + noise * gauss.sample();
        }
        return t.withColumn(ColumnSpec.numeric(name), NumericColumn.of(v));
      };
    }
  }
}
