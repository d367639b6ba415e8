package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The constraint rules one by one, without fitting: what each accepts at its edges, how the text is
 * read, and each malformed rule's message. ({@link ConstraintTest} checks generated rows.)
 */
class ConstraintRulesTest {

  static final Table TABLE =
      Table.builder()
          .numeric("a", 0, Double.MIN_VALUE, 5, Math.nextUp(5.0), Double.NaN, 1)
          .numeric("b", 0, 1, 5, 5, 2, Double.NaN)
          .categorical("k", "x", "y", null, "x", "y", "x")
          .categorical("m", "p", "q", "p", null, "q", "p")
          .build();

  static boolean[] rows(Constraint c) {
    boolean[] out = new boolean[TABLE.rowCount()];
    for (int r = 0; r < out.length; r++) {
      out[r] = c.holds(TABLE, r);
    }
    return out;
  }

  @Test
  void rangesIncludeTheirEndsAndPositiveExcludesZero() {
    // a: 0, MIN_VALUE, 5, just above 5, missing, 1
    assertThat(rows(new Constraint.Range("a", 0, 5, false)))
        .containsExactly(true, true, true, false, true, true);
    assertThat(rows(new Constraint.Range("a", Double.MIN_VALUE, 5, false)))
        .containsExactly(false, true, true, false, true, true);
    assertThat(rows(new Constraint.Range("a", 0, Double.POSITIVE_INFINITY, true)))
        .containsExactly(false, true, true, true, true, true);
  }

  @Test
  void inequalitiesAreStrictOrNotAndAMissingValueBreaksNone() {
    // (a, b): (0, 0), (MIN_VALUE, 1), (5, 5), (5+, 5), (missing, 2), (1, missing)
    assertThat(rows(new Constraint.Inequality("a", "b", true)))
        .containsExactly(false, true, false, false, true, true);
    assertThat(rows(new Constraint.Inequality("a", "b", false)))
        .containsExactly(true, true, true, false, true, true);
    assertThat(
            Constraint.check(
                List.of(
                    new Constraint.Inequality("a", "b", false),
                    new Constraint.Range("a", 0, Double.POSITIVE_INFINITY, true)),
                TABLE))
        .containsExactly(false, true, true, false, true, true);
  }

  @Test
  void combinationsJoinLevelsAndAMissingLevelIsAMissingCombination() {
    List<String> km = List.of("k", "m");
    assertThat(Constraint.combine(TABLE, km, 0)).isEqualTo("x\u001fp");
    assertThat(Constraint.combine(TABLE, km, 1)).isEqualTo("y\u001fq");
    assertThat(Constraint.combine(TABLE, km, 2)).isNull();
    assertThat(Constraint.combine(TABLE, km, 3)).isNull();
    assertThat(new Constraint.Combinations(km).holds(TABLE, 2)).isTrue();
  }

  @Test
  void rulesAreReadWithSpacesAndEmptyParts() {
    List<Constraint> rules =
        Constraint.parse(
            " positive( a ) ;; range(b, -1.5, 7) ; a<=b;combinations( k , m ) ; ", TABLE.schema());
    assertThat(rules)
        .containsExactly(
            new Constraint.Range("a", 0, Double.POSITIVE_INFINITY, true),
            new Constraint.Range("b", -1.5, 7, false),
            new Constraint.Inequality("a", "b", false),
            new Constraint.Combinations(List.of("k", "m")));
    assertThat(rules.stream().map(Object::toString))
        .containsExactly("positive(a)", "range(b, -1.5, 7.0)", "a <= b", "combinations(k, m)");
    assertThat(Constraint.parse("a < b", TABLE.schema()))
        .containsExactly(new Constraint.Inequality("a", "b", true));
    assertThat(Constraint.parse("a < b", TABLE.schema()).get(0)).hasToString("a < b");
    assertThat(Constraint.parse("range(a, 2, 2)", TABLE.schema()))
        .containsExactly(new Constraint.Range("a", 2, 2, false));
    assertThat(Constraint.parse(null, TABLE.schema())).isEmpty();
    assertThat(Constraint.parse("  ", TABLE.schema())).isEmpty();
  }

  static UserInputException refused(String text) {
    UserInputException e =
        catchThrowableOfType(
            () -> Constraint.parse(text, TABLE.schema()), UserInputException.class);
    assertThat(e).as(text).isNotNull();
    return e;
  }

  @Test
  void eachMalformedRuleSaysWhatWasFoundAndWhatIsExpected() {
    UserInputException twoArgs = refused("positive(a, b)");
    assertThat(twoArgs.where()).isEqualTo("constraint \"positive(a, b)\"");
    assertThat(twoArgs.found()).isEqualTo("2 arguments");
    assertThat(twoArgs.expected()).isEqualTo("positive(COLUMN)");

    UserInputException rangeArgs = refused("range(a, 1)");
    assertThat(rangeArgs.found()).isEqualTo("2 arguments");
    assertThat(rangeArgs.expected()).isEqualTo("range(COLUMN, LOW, HIGH)");

    UserInputException notANumber = refused("range(a, 0, high)");
    assertThat(notANumber.found()).isEqualTo("\"high\"");
    assertThat(notANumber.expected()).isEqualTo("a number");

    assertThat(refused("range(a, 2, 1)").found()).isEqualTo("a low end 2 above the high end 1");

    UserInputException oneColumn = refused("combinations(k)");
    assertThat(oneColumn.found()).isEqualTo("1 column");
    assertThat(oneColumn.expected()).isEqualTo("two or more categorical columns");

    UserInputException numericCombination = refused("combinations(k, a)");
    assertThat(numericCombination.found()).isEqualTo("\"a\" is numeric");
    assertThat(numericCombination.expected()).isEqualTo("a categorical column");
    assertThat(numericCombination.fix()).isEqualTo("use range, positive or < on numeric columns");

    UserInputException categoricalRange = refused("positive(k)");
    assertThat(categoricalRange.found()).isEqualTo("\"k\" is categorical");
    assertThat(categoricalRange.expected()).isEqualTo("a numeric column");

    UserInputException itself = refused("a < a");
    assertThat(itself.found()).isEqualTo("a column compared with itself");

    UserInputException unknown = refused("a < b; b <= b2");
    assertThat(unknown.found()).isEqualTo("no column \"b2\"");

    UserInputException secondAbove =
        catchThrowableOfType(
            () ->
                Constraint.parse(
                    "a < b; a <= b",
                    Table.builder().numeric("a", 1).numeric("b", 2).build().schema()),
            UserInputException.class);
    assertThat(secondAbove.found()).isEqualTo("a second inequality with \"b\" above");

    assertThat(refused("a > b").expected()).startsWith("positive(x), range(x, LOW, HIGH)");
  }
}
