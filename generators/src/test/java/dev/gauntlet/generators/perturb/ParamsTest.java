package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Registry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
  final Registry<dev.gauntlet.spi.PerturbationProvider> registry = Registry.perturbations();

  @Test
  void aValueThatIsNotANumberNamesThePerturbationAndKey() {
    assertThatThrownBy(() -> registry.get("covariate-shift").create(Map.of("shift", "abc")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("covariate-shift: shift")
        .hasMessageContaining("not a number: \"abc\"");
  }

  @Test
  void anUnknownKeyListsTheKnownOnes() {
    assertThatThrownBy(() -> registry.get("missing").create(Map.of("rat", "0.2")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("missing: rat")
        .hasMessageContaining("[rate, mechanism, columns, by, label, immutable, ranges]");
  }

  @Test
  void aRateOutsideZeroToOneIsAnError() {
    assertThatThrownBy(() -> registry.get("label-flip").create(Map.of("rate", "1.5")))
        .hasMessageContaining("label-flip: rate")
        .hasMessageContaining("not within [0, 1]: 1.5");
  }

  @Test
  void aPerturbationThatNeedsALabelSaysSoWhenThereIsNone() {
    Table noLabel = Data.creditG().withRole("class", ColumnRole.FEATURE);
    var flip = registry.get("label-flip").create(Map.of("rate", "0.3"));
    assertThatThrownBy(() -> flip.apply(noLabel, 1, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("label-flip: label")
        .hasMessageContaining("no label column");
  }

  @Test
  void anUnknownColumnListsTheColumns() {
    var shift = registry.get("covariate-shift").create(Map.of("column", "ages"));
    assertThatThrownBy(() -> shift.apply(Data.creditG(), 1, Seed.of(1)))
        .hasMessageContaining("covariate-shift: column")
        .hasMessageContaining("no column \"ages\"")
        .hasMessageContaining("age");
  }

  @Test
  void aPerturbationThatOverflowsIsAnError() {
    var shift =
        registry.get("covariate-shift").create(Map.of("column", "credit_amount", "shift", "1e308"));
    assertThatThrownBy(() -> shift.apply(Data.creditG(), 1, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("covariate-shift")
        .hasMessageContaining("\"credit_amount\" overflows to infinity");
  }

  @Test
  void aColumnNamedTwiceIsAnError() {
    var swap = registry.get("swap-columns").create(Map.of("columns", "age;age"));
    assertThatThrownBy(() -> swap.apply(Data.creditG(), 1, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("swap-columns: columns")
        .hasMessageContaining("a column named twice");
  }

  @Test
  void rotationNeedsTwoColumns() {
    var rotate = registry.get("rotation").create(Map.of("columns", "age"));
    assertThatThrownBy(() -> rotate.apply(Data.creditG(), 1, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("rotation: columns")
        .hasMessageContaining("at least two numeric columns");
  }

  @Test
  void missingAtRandomNeedsANumericDriver() {
    var mar = registry.get("missing").create(Map.of("mechanism", "mar", "by", "purpose"));
    assertThatThrownBy(() -> mar.apply(Data.creditG(), 1, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("missing: by")
        .hasMessageContaining("\"purpose\" is categorical");
  }

  @Test
  void theIssueSpellingsWork() {
    Table t = Data.creditG().withRole("class", ColumnRole.FEATURE);
    Seed seed = Seed.of(7);
    Table shifted =
        registry
            .get("covariate-shift")
            .create(Map.of("column", "age", "shift", "1.5"))
            .apply(t, 1, seed);
    double[] ms = Domain.meanStd(t.numeric("age"));
    assertThat(Domain.meanStd(shifted.numeric("age"))[0] - ms[0])
        .isCloseTo(1.5 * ms[1], org.assertj.core.data.Offset.offset(0.05 * ms[1]));

    Table missing =
        registry
            .get("missing")
            .create(Map.of("rate", "0.2", "mechanism", "mcar", "label", "class"))
            .apply(t, 1, seed);
    assertThat(missing.column("class").missingCount()).isZero();
    int blanks = 0;
    for (String c : t.schema().names()) {
      blanks += missing.column(c).missingCount();
    }
    // 20 000 cells at 0.2: a binomial with sd 57, so 3950..4250 is +-2.6 sd.
    assertThat(blanks).isBetween(3850, 4150);

    Table flipped =
        registry
            .get("label-flip")
            .create(Map.of("label", "class", "rate", "0.3"))
            .apply(t, 1, seed);
    int changed = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      changed += t.categorical("class").code(r) != flipped.categorical("class").code(r) ? 1 : 0;
    }
    assertThat(changed).isEqualTo(300);

    Table noisy =
        registry
            .get("gaussian-noise")
            .create(Map.of("scale", "0.1"))
            .apply(Data.creditG(), 1, seed);
    assertThat(noisy.numeric("credit_amount")).isNotEqualTo(t.numeric("credit_amount"));

    Table prior =
        registry
            .get("prior-shift")
            .create(Map.of("label", "class", "proportions", "good=0.5;bad=0.5"))
            .apply(t, 1, seed);
    assertThat(prior.categorical("class").counts()).containsExactly(500, 500);
  }
}
