package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdColumnsTest {

  /** {@code rows} values of which {@code distinct} differ: "v0".."v(distinct-1)", then repeats. */
  private static String[] levels(int rows, int distinct) {
    String[] out = new String[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = "v" + (r % distinct);
    }
    return out;
  }

  private static double[] numbers(int rows) {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = 10.5 + r; // all distinct, as a total amount is
    }
    return out;
  }

  @Test
  void aCategoricalColumnWithDistinctValuesInAtLeast95PercentOfAtLeast50RowsIsAnId() {
    Table t =
        Table.builder()
            .categorical("order", levels(100, 95)) // 95 of 100 distinct: exactly the bound
            .categorical("almost", levels(100, 94)) // 94 %: not an id
            .categorical("colour", levels(100, 3))
            .numeric("amount", numbers(100)) // numeric: never an id
            .build();

    IdColumns.Marked marked = IdColumns.mark(t);

    assertThat(marked.names()).containsExactly("order");
    assertThat(marked.ids().get(0))
        .isEqualTo(new IdColumns.IdColumn("order", IdColumns.Reason.DETECTED, 95, 100));
    assertThat(marked.table().schema().spec("order").role()).isEqualTo(ColumnRole.ID);
    assertThat(marked.table().schema().spec("almost").role()).isEqualTo(ColumnRole.FEATURE);
    assertThat(marked.table().schema().spec("amount").role()).isEqualTo(ColumnRole.FEATURE);
    // the data is kept: only the role changes
    assertThat(marked.table().columns()).isEqualTo(t.columns());
  }

  @Test
  void fewerThan50ValuesAreNeverAnIdAndMissingValuesDoNotCount() {
    String[] fortyNine = levels(49, 49);
    String[] withMissing = levels(60, 60);
    for (int r = 0; r < 11; r++) {
      withMissing[r] = null; // 49 values left, all distinct
    }
    Table small = Table.builder().categorical("key", fortyNine).build();
    Table sparse = Table.builder().categorical("key", withMissing).build();

    assertThat(IdColumns.mark(small).ids()).isEmpty();
    assertThat(IdColumns.mark(sparse).ids()).isEmpty();
    assertThat(IdColumns.looksLikeId(Table.builder().categorical("k", levels(50, 50)).build(), "k"))
        .isTrue();
  }

  @Test
  void theLabelIsNeverDetected() {
    Table t = Table.builder().categorical("y", levels(80, 80)).role("y", ColumnRole.LABEL).build();

    assertThat(IdColumns.mark(t).ids()).isEmpty();
  }

  @Test
  void declaredIdsAndNonIdsOverrideTheDetection() {
    Table t =
        Table.builder()
            .categorical("ref", levels(60, 60))
            .numeric("customer", numbers(60))
            .categorical("colour", levels(60, 2))
            .build();

    IdColumns.Marked marked = IdColumns.mark(t, List.of("customer"), List.of("ref"));

    assertThat(marked.names()).containsExactly("customer");
    assertThat(marked.ids().get(0).reason()).isEqualTo(IdColumns.Reason.DECLARED);
    assertThat(marked.kept()).containsExactly("ref");
    assertThat(IdColumns.dataColumns(marked.table())).containsExactly("ref", "colour");
    assertThat(IdColumns.withoutIds(marked.table()).schema().names())
        .containsExactly("ref", "colour");
  }

  @Test
  void theSameRolesApplyToAnotherTable() {
    Table real =
        Table.builder().categorical("ref", levels(60, 60)).numeric("x", numbers(60)).build();
    Table synthetic =
        Table.builder().categorical("ref", levels(5, 5)).numeric("x", numbers(5)).build();

    Table marked = IdColumns.mark(real).applyTo(synthetic);

    assertThat(marked.schema().spec("ref").role()).isEqualTo(ColumnRole.ID);
    assertThat(marked.schema().spec("x").role()).isEqualTo(ColumnRole.FEATURE);
  }

  @Test
  void unknownConflictingAndLabelDeclarationsAreUserErrors() {
    Table t =
        Table.builder()
            .categorical("ref", levels(60, 60))
            .categorical("y", levels(60, 2))
            .role("y", ColumnRole.LABEL)
            .build();

    assertThatThrownBy(() -> IdColumns.mark(t, List.of("nope"), List.of()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> IdColumns.mark(t, List.of(), List.of("nope")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> IdColumns.mark(t, List.of("ref"), List.of("ref")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("--id ref and --not-id ref");
    assertThatThrownBy(() -> IdColumns.mark(t, List.of("y"), List.of()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("the label column");
  }
}
