package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gauntlet.FieldException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario: the data, the split, the model under test, the variants it is put through, what is
 * measured and what is expected. Bound from a YAML file or made with {@link #builder()}; the same
 * spec runs the same way from either.
 *
 * <pre>
 * seed: 7
 * data: {csv: ../data/credit_g.csv, label: class}
 * split: 0.3
 * model: logistic-regression
 * variants:
 *   - {name: older, kind: covariate-shift, params: {columns: age, shift: 2}, sweep: 4}
 * metrics: [accuracy, ece]
 * slices: [foreign_worker]
 * expectations:
 *   - accuracy >= 0.7
 *   - accuracy drop &lt;= 0.1 under every variant
 * </pre>
 *
 * @param name the scenario's name in reports; default the file name without extension
 * @param description a line for reports; optional
 * @param seed the root seed of every random choice; default 0
 * @param data where the rows come from; required
 * @param split training and test rows; default 30 % held out, stratified
 * @param model the model under test; default {@code logistic-regression}
 * @param variants the variants; default none (the clean test rows alone are measured)
 * @param metrics catalogue ids to measure; default the classification set (see the docs)
 * @param slices slices of the test rows; default none
 * @param expectations what must hold, one expectation per entry; default none
 * @param bootstrap the confidence intervals; default 200 resamples, 95 %
 * @param output where the reports go; default {@code gauntlet-out/NAME}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScenarioSpec(
    String name,
    String description,
    Long seed,
    @JsonProperty(required = true) DataSpec data,
    SplitSpec split,
    ModelSpec model,
    List<VariantSpec> variants,
    List<String> metrics,
    List<SliceSpec> slices,
    List<String> expectations,
    BootstrapSpec bootstrap,
    OutputSpec output) {

  public ScenarioSpec {
    Checks.nonBlank(name, "name");
    if (data == null) {
      throw new FieldException(
          "data", "nothing", "a data section", "add data: with csv, world or synthetic");
    }
    split = split == null ? SplitSpec.defaults() : split;
    model = model == null ? ModelSpec.defaults() : model;
    variants = Checks.list(variants, "variants");
    metrics = Checks.list(metrics, "metrics");
    slices = Checks.list(slices, "slices");
    expectations = Checks.list(expectations, "expectations");
    bootstrap = bootstrap == null ? BootstrapSpec.defaults() : bootstrap;
    output = output == null ? OutputSpec.defaults() : output;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < variants.size(); i++) {
      if (!names.add(variants.get(i).name())) {
        throw new FieldException(
            List.of("variants", i, "name"),
            "\"" + variants.get(i).name() + "\" a second time",
            "a name no other variant has",
            "rename one of the two variants");
      }
    }
  }

  /** The root seed, 0 unless given. */
  public long seedOrDefault() {
    return seed == null ? 0 : seed;
  }

  /** The variant of a name, or null. */
  public VariantSpec variant(String variantName) {
    for (VariantSpec v : variants) {
      if (v.name().equals(variantName)) {
        return v;
      }
    }
    return null;
  }

  public ScenarioSpec withSeed(long newSeed) {
    return new ScenarioSpec(
        name,
        description,
        newSeed,
        data,
        split,
        model,
        variants,
        metrics,
        slices,
        expectations,
        bootstrap,
        output);
  }

  public ScenarioSpec withName(String newName) {
    return new ScenarioSpec(
        newName,
        description,
        seed,
        data,
        split,
        model,
        variants,
        metrics,
        slices,
        expectations,
        bootstrap,
        output);
  }

  public ScenarioSpec withExpectations(List<String> newExpectations) {
    return new ScenarioSpec(
        name,
        description,
        seed,
        data,
        split,
        model,
        variants,
        metrics,
        slices,
        newExpectations,
        bootstrap,
        output);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a spec in Java; what is not set takes the YAML default. */
  public static final class Builder {
    private String name;
    private String description;
    private Long seed;
    private DataSpec data;
    private SplitSpec split;
    private ModelSpec model;
    private final List<VariantSpec> variants = new ArrayList<>();
    private final List<String> metrics = new ArrayList<>();
    private final List<SliceSpec> slices = new ArrayList<>();
    private final List<String> expectations = new ArrayList<>();
    private BootstrapSpec bootstrap;
    private OutputSpec output;

    private Builder() {}

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder data(DataSpec value) {
      this.data = value;
      return this;
    }

    /** Rows of a CSV file with its label column. */
    public Builder csv(String file, String label) {
      return data(DataSpec.csv(file, label));
    }

    public Builder split(SplitSpec value) {
      this.split = value;
      return this;
    }

    /** A stratified share of the rows held out for testing. */
    public Builder split(double test) {
      return split(SplitSpec.fraction(test));
    }

    public Builder model(ModelSpec value) {
      this.model = value;
      return this;
    }

    /** A model kind with its default parameters. */
    public Builder model(String kind) {
      return model(ModelSpec.kind(kind));
    }

    public Builder variant(VariantSpec value) {
      variants.add(value);
      return this;
    }

    public Builder metrics(String... ids) {
      metrics.addAll(List.of(ids));
      return this;
    }

    public Builder slice(String column) {
      slices.add(SliceSpec.of(column));
      return this;
    }

    public Builder slice(String column, int bins) {
      slices.add(new SliceSpec(column, bins));
      return this;
    }

    public Builder expect(String... expectation) {
      expectations.addAll(List.of(expectation));
      return this;
    }

    public Builder bootstrap(BootstrapSpec value) {
      this.bootstrap = value;
      return this;
    }

    /** Bootstrap resamples per interval (0: no intervals). */
    public Builder bootstrap(int resamples) {
      return bootstrap(BootstrapSpec.of(resamples));
    }

    public Builder output(OutputSpec value) {
      this.output = value;
      return this;
    }

    public ScenarioSpec build() {
      return new ScenarioSpec(
          name,
          description,
          seed,
          data,
          split,
          model,
          variants,
          metrics,
          slices,
          expectations,
          bootstrap,
          output);
    }
  }
}
