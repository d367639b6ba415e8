package dev.gauntlet.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.ClassificationMetrics;
import dev.gauntlet.model.Classifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlicesTest {

  /** Six rows; the model errs exactly on the two red ones. */
  private static Table colours() {
    return Table.builder()
        .categorical("colour", "red", "green", "blue", "red", "green", "blue")
        .numeric("size", 1, 2, 3, 4, 5, 6)
        .categorical("y", "0", "1", "0", "1", "0", "1")
        .role("y", ColumnRole.LABEL)
        .build();
  }

  private static Classifier wrongOnRed(Table table) {
    return TestModels.wrongWhere(
        "y", table, t -> r -> "red".equals(t.categorical("colour").level(r)));
  }

  @Test
  void worstSliceIsTheOnlyColourTheModelGetsWrong() {
    Table table = colours();
    Outcomes outcomes = Outcomes.of(wrongOnRed(table), table, "y");
    List<Slice> slices = Slices.byCategory(table, "colour");

    SliceReport errors = SliceReport.of(outcomes, slices, OutcomeMetric.errorRate());
    assertThat(errors.entries())
        .extracting(
            SliceReport.Entry::description, SliceReport.Entry::size, SliceReport.Entry::value)
        .containsExactly(
            tuple("colour = blue", 2, 0.0),
            tuple("colour = green", 2, 0.0),
            tuple("colour = red", 2, 1.0));
    assertThat(errors.overall()).isEqualTo(2 / 6.0);
    assertThat(errors.worstSlice())
        .get()
        .extracting(SliceReport.Entry::description)
        .isEqualTo("colour = red");
    assertThat(errors.worstSlice().orElseThrow().value()).isEqualTo(1.0);

    // the same slice is worst by accuracy, where lower is worse
    SliceReport accuracy = SliceReport.of(outcomes, slices, OutcomeMetric.accuracy());
    assertThat(accuracy.worstSlice().orElseThrow().description()).isEqualTo("colour = red");
    assertThat(accuracy.worstSlice().orElseThrow().value()).isZero();
    assertThat(accuracy.overall()).isEqualTo(4 / 6.0);
  }

  @Test
  void slicesOfSeveralColumnsInOneReport() {
    Table table = colours();
    SliceReport report =
        SliceReport.byColumns(
            Outcomes.of(wrongOnRed(table), table, "y"),
            table,
            List.of("colour", "size"),
            2,
            OutcomeMetric.accuracy());
    // size 1..6: the median 3.5 is the one cut; red rows are sizes 1 and 4
    assertThat(report.entries())
        .extracting(SliceReport.Entry::description, SliceReport.Entry::value)
        .containsExactly(
            tuple("colour = blue", 1.0),
            tuple("colour = green", 1.0),
            tuple("colour = red", 0.0),
            tuple("size <= 3.5", 2 / 3.0),
            tuple("size > 3.5", 2 / 3.0));
    assertThat(report.rows()).isEqualTo(6);
    assertThat(report.worstSlice(3).orElseThrow().description()).isEqualTo("size <= 3.5");
  }

  @Test
  void worstSliceHonoursTheMinimumSizeAndBreaksTiesByDescription() {
    Table table = colours();
    Outcomes outcomes = Outcomes.of(wrongOnRed(table), table, "y");
    SliceReport report =
        SliceReport.of(
            outcomes,
            List.of(
                new Slice("first red row", new int[] {0}),
                new Slice("b: blue", new int[] {2, 5}),
                new Slice("a: green", new int[] {1, 4})),
            OutcomeMetric.errorRate());
    assertThat(report.worstSlice(1).orElseThrow().description()).isEqualTo("first red row");
    // with two rows at least, blue and green tie at 0; "a: green" sorts first
    assertThat(report.worstSlice(2).orElseThrow().description()).isEqualTo("a: green");
    assertThat(report.worstSlice(3)).isEmpty();
  }

  @Test
  void anyClassificationMetricCanBeComputedPerSlice() {
    Table table = colours();
    Outcomes outcomes = Outcomes.of(wrongOnRed(table), table, "y");
    SliceReport logLoss =
        SliceReport.of(
            outcomes,
            Slices.byCategory(table, "colour"),
            OutcomeMetric.of("log loss", false, ClassificationMetrics::logLoss));
    // every row has p(true) 0.8 or 0.2
    assertThat(logLoss.worstSlice().orElseThrow().description()).isEqualTo("colour = red");
    assertThat(logLoss.worstSlice().orElseThrow().value())
        .isCloseTo(-Math.log(0.2), org.assertj.core.api.Assertions.within(1e-12));
    // AUC is undefined on a slice with one class: such slices never count as the worst
    Table oneClassBlue =
        table.withColumn(
            table.schema().spec("y"),
            dev.gauntlet.data.CategoricalColumn.ofValues("0", "1", "0", "1", "0", "0"));
    SliceReport auc =
        SliceReport.of(
            Outcomes.of(wrongOnRed(oneClassBlue), oneClassBlue, "y"),
            Slices.byCategory(oneClassBlue, "colour"),
            OutcomeMetric.of("roc auc", true, ClassificationMetrics::rocAuc));
    assertThat(auc.entries().get(0).value()).isNaN();
    assertThat(auc.worstSlice().orElseThrow().description()).isEqualTo("colour = red");
  }

  @Test
  void quartileBinsMatchNumpyAndMissingValuesFormTheirOwnSlice() {
    // numpy: np.quantile([7, 1, 4, 10, 2, 9, 3, 8, 5, 6], [.25, .5, .75]) = [3.25, 5.5, 7.75]
    Table table = Table.builder().numeric("x", 7, 1, 4, 10, 2, 9, 3, 8, 5, 6, Double.NaN).build();
    assertThat(Slices.byQuantile(table, "x"))
        .extracting(Slice::description, Slice::rows)
        .containsExactly(
            tuple("x <= 3.25", new int[] {1, 4, 6}),
            tuple("x in (3.25, 5.5]", new int[] {2, 8}),
            tuple("x in (5.5, 7.75]", new int[] {0, 9}),
            tuple("x > 7.75", new int[] {3, 5, 7}),
            tuple("x is missing", new int[] {10}));
  }

  @Test
  void equalQuantilesAreMergedAndBinsAreRightClosed() {
    // numpy: np.quantile([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], [.25, .5, .75]) = [1, 1, 2.75]
    Table table = Table.builder().numeric("d", 1, 1, 1, 1, 1, 1, 2, 3, 4, 5).build();
    assertThat(Slices.byQuantile(table, "d"))
        .extracting(Slice::description, Slice::size)
        .containsExactly(tuple("d <= 1", 6), tuple("d in (1, 2.75]", 1), tuple("d > 2.75", 3));
    // two bins: the median, 1, is the one cut
    assertThat(Slices.byQuantile(table, "d", 2))
        .extracting(Slice::description, Slice::size)
        .containsExactly(tuple("d <= 1", 6), tuple("d > 1", 4));
  }

  @Test
  void emptyBinsAreLeftOut() {
    // cuts 2.5, 5, 7.5 between two values: the middle bins hold nothing
    Table table = Table.builder().numeric("x", 0, 10).build();
    assertThat(Slices.byQuantile(table, "x"))
        .extracting(Slice::description, Slice::size)
        .containsExactly(tuple("x <= 2.5", 1), tuple("x > 7.5", 1));
  }

  @Test
  void categoriesInDictionaryOrderThenMissing() {
    Table table = Table.builder().categorical("c", "b", null, "a", "b", null).build();
    assertThat(Slices.byCategory(table, "c"))
        .extracting(Slice::description, Slice::rows)
        .containsExactly(
            tuple("c = a", new int[] {2}),
            tuple("c = b", new int[] {0, 3}),
            tuple("c is missing", new int[] {1, 4}));
    // a level no row uses (a subset keeps its parent's dictionary) makes no slice
    assertThat(Slices.of(table.take(new int[] {0, 1}), "c"))
        .extracting(Slice::description)
        .containsExactly("c = b", "c is missing");
  }

  @Test
  void allMissingNumericColumnIsOneSlice() {
    Table table = Table.builder().numeric("x", Double.NaN, Double.NaN).build();
    assertThat(Slices.of(table, "x"))
        .extracting(Slice::description, Slice::size)
        .containsExactly(tuple("x is missing", 2));
  }

  @Test
  void wrongTypeAndBadSlicesAreRejected() {
    Table table = colours();
    assertThatThrownBy(() -> Slices.byQuantile(table, "colour"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("a numeric column");
    assertThatThrownBy(() -> Slices.byCategory(table, "size"))
        .isInstanceOf(UserInputException.class);
    assertThatThrownBy(() -> new Slice(" ", new int[0]))
        .hasMessage("slice description is blank: \" \"");
    assertThatThrownBy(() -> new Slice("s", new int[] {2, 1}))
        .hasMessage("row indices are not strictly ascending: 2 then 1 (slice s)");
    assertThatThrownBy(() -> new Slice("s", new int[] {-1}))
        .hasMessage("row index is negative: -1 (slice s)");
    Outcomes outcomes = Outcomes.of(wrongOnRed(table), table, "y");
    assertThatThrownBy(
            () ->
                SliceReport.of(
                    outcomes, List.of(new Slice("s", new int[] {6})), OutcomeMetric.accuracy()))
        .hasMessage("slice s holds row 6, beyond the 6 rows of the outcomes");
  }

  @Test
  void sliceIsImmutable() {
    int[] rows = {1, 2};
    Slice s = new Slice("s", rows);
    rows[0] = 0;
    s.rows()[1] = 5;
    assertThat(s.rows()).containsExactly(1, 2);
    assertThat(s).isEqualTo(Slice.of("s", new boolean[] {false, true, true}));
    assertThat(s.mask(3)).containsExactly(false, true, true);
  }

  @Test
  void aClassTheModelDoesNotKnowIsAUserError() {
    Table table =
        colours()
            .withColumn(
                colours().schema().spec("y"),
                dev.gauntlet.data.CategoricalColumn.ofValues("0", "1", "2", "1", "0", "1"));
    assertThatThrownBy(() -> Outcomes.of(wrongOnRed(colours()), table, "y"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("class \"2\" (1 rows), which the model does not predict")
        .hasMessageContaining("[0, 1]");
  }
}
