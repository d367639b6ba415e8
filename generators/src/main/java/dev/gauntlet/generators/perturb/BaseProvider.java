package dev.gauntlet.generators.perturb;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.PerturbationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider whose parameters are its own plus {@link Domain#PARAMETERS}; {@link #create} checks
 * them, and each application checks the severity and builds the table's {@link Domain}.
 */
abstract class BaseProvider implements PerturbationProvider {
  private final String name;
  private final String description;
  private final List<Parameter> parameters;

  BaseProvider(String name, String description, Parameter... own) {
    this.name = name;
    this.description = description;
    List<Parameter> all = new ArrayList<>(List.of(own));
    all.addAll(Domain.PARAMETERS);
    this.parameters = List.copyOf(all);
  }

  /** The perturbation's work, given checked parameters, the table's domain and a severity. */
  @FunctionalInterface
  interface Body {
    Table apply(Domain domain, double severity, Seed seed);
  }

  /** Reads the parameters that do not depend on the table (so errors come early). */
  abstract Body body(Params params);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<Parameter> parameters() {
    return parameters;
  }

  /**
   * Whether the perturbations keep row identity (row i out is row i in): true for the row-local
   * ones; those that resample or insert rows override it.
   */
  @Override
  public boolean keepsRowIdentity() {
    return true;
  }

  @Override
  public final Perturbation create(Map<String, String> values) {
    Params params = Params.of(name, values, parameters);
    return new Configured(params, body(params), keepsRowIdentity());
  }

  /** One configured perturbation of this provider. */
  private final class Configured implements Perturbation {
    private final Params params;
    private final Body body;
    private final boolean rowIdentity;

    Configured(Params params, Body body, boolean rowIdentity) {
      this.params = params;
      this.body = body;
      this.rowIdentity = rowIdentity;
    }

    @Override
    public Table apply(Table table, double severity, Seed seed) {
      return run(Domain.of(check(table, severity, seed), params), severity, seed);
    }

    @Override
    public PerturbationResult applyWithSummary(Table table, double severity, Seed seed) {
      Domain domain = Domain.of(check(table, severity, seed), params);
      Table out = run(domain, severity, seed);
      PerturbationResult result =
          PerturbationResult.between(table, out, rowIdentity)
              .withValuesClipped(domain.valuesClipped());
      if (domain.resampling() != null) {
        // Rows replaced by copies of others: no value changed.
        Domain.Resampling r = domain.resampling();
        result = result.withResampling(r.replaced(), r.effectiveSampleSize()).withCellsChanged(0);
      }
      if (domain.insertedCopies() >= 0) {
        // Copies inserted among the original rows, which keep their values and order.
        result = result.withCellsChanged(0);
      }
      return result;
    }

    private Table run(Domain domain, double severity, Seed seed) {
      return finite(domain.table(), body.apply(domain, severity, seed));
    }

    private Table check(Table table, double severity, Seed seed) {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(seed, "seed");
      if (!(severity >= 0 && severity <= 1)) {
        throw new IllegalArgumentException("severity is not within [0, 1]: " + severity);
      }
      return table;
    }

    @Override
    public boolean keepsRowIdentity() {
      return rowIdentity;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * {@code out}, unless a numeric column that was finite in {@code in} overflowed (a shift of
   * 1e308): an infinity would be written as {@code inf}, which no reader of the file accepts.
   */
  private Table finite(Table in, Table out) {
    for (ColumnSpec spec : out.schema().columns()) {
      if (!(out.column(spec.name()) instanceof NumericColumn after)) {
        continue;
      }
      for (int r = 0; r < after.size(); r++) {
        if (Double.isInfinite(after.get(r))) {
          if (in.schema().contains(spec.name())
              && in.column(spec.name()) instanceof NumericColumn before
              && Arrays.stream(before.values()).anyMatch(Double::isInfinite)) {
            break;
          }
          throw new UserInputException(
              name,
              "column "
                  + UserInputException.quote(spec.name())
                  + " overflows to infinity (row "
                  + (r + 1)
                  + ")",
              "finite values",
              "use smaller parameters (see gauntlet perturb --list)");
        }
      }
    }
    return out;
  }

  static Parameter param(String name, String defaultValue, String description) {
    return new Parameter(name, defaultValue, description);
  }
}
