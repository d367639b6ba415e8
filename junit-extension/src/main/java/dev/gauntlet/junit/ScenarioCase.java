package dev.gauntlet.junit;

import dev.gauntlet.junit.internal.Numbers;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.VariantResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation of a {@link ScenarioTest}: a variant at one severity (or the clean test rows of a
 * scenario without variants) with what was measured there, and the run it belongs to.
 *
 * <p>A scenario test method may declare parameters of these types: {@code ScenarioCase}, {@link
 * ScenarioResult} (the whole run), {@link VariantResult} (the variant's sweep), {@link PlaceResult}
 * (this severity's measurements), {@link ScenarioTables} (the training and test rows), besides
 * JUnit's own {@code TestInfo} and {@code TestReporter}.
 *
 * @param result the whole run
 * @param variant the variant's sweep, empty for the clean test rows
 * @param place what was measured at this severity (the clean rows' measurements when no variant)
 * @param tables the rows as split
 * @param reports the folder the run's reports were written to
 */
public record ScenarioCase(
    ScenarioResult result,
    Optional<VariantResult> variant,
    PlaceResult place,
    ScenarioTables tables,
    Path reports) {
  /** The types a scenario test method can receive. */
  public static final List<Class<?>> INJECTABLE =
      List.of(
          ScenarioCase.class,
          ScenarioResult.class,
          VariantResult.class,
          PlaceResult.class,
          ScenarioTables.class);

  public ScenarioCase {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(reports, "reports");
  }

  /** The variant's name, or {@code clean}. */
  public String variantName() {
    return variant.map(VariantResult::name).orElse("clean");
  }

  public double severity() {
    return place.severity();
  }

  /** The run's root seed. */
  public long seed() {
    return result.seed();
  }

  /** The invocation's display name: {@code covariate-shift [severity 0.3]}, or {@code clean}. */
  public String displayName() {
    return variant.isEmpty()
        ? "clean"
        : variantName() + " [severity " + Numbers.text(place.severity()) + "]";
  }
}
