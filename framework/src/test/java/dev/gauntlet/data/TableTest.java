package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  private static Table people() {
    return Table.builder()
        .numeric("age", 30, 41, Double.NaN, 25, 60)
        .categorical("city", "Bern", "Basel", "Bern", null, "Chur")
        .numeric("y", 0, 1, 1, 0, 1)
        .role("y", ColumnRole.LABEL)
        .build();
  }

  @Test
  void selectKeepsTheGivenOrderAndShares() {
    Table source = people();
    Table t = source.select("y", "age");

    assertThat(t.schema().names()).containsExactly("y", "age");
    assertThat(t.schema().get(0).role()).isEqualTo(ColumnRole.LABEL);
    assertThat(t.column("age")).isSameAs(source.column("age"));
    assertThat(t.numeric("age").values()).containsExactly(30, 41, Double.NaN, 25, 60);
  }

  @Test
  void anUnknownColumnIsAUserErrorListingTheNames() {
    Table t = people();

    for (Runnable call :
        List.<Runnable>of(
            () -> t.column("Age"),
            () -> t.select("age", "Age"),
            () -> t.drop("Age"),
            () -> t.withRole("Age", ColumnRole.ID),
            () -> t.numeric("Age"),
            () -> t.stratifiedSplit("Age", 0.5, dev.gauntlet.random.Seed.of(1)))) {
      UserInputException e = catchThrowableOfType(UserInputException.class, call::run);
      assertThat(e.where()).isEqualTo("column \"Age\"");
      assertThat(e.expected()).isEqualTo("one of [age, city, y]");
      assertThat(e.fix()).contains("case-sensitive");
    }
  }

  @Test
  void askingForTheWrongTypeIsAUserError() {
    UserInputException e =
        catchThrowableOfType(UserInputException.class, () -> people().numeric("city"));

    assertThat(e.found()).isEqualTo("categorical column");
    assertThat(e.expected()).isEqualTo("a numeric column");
    assertThat(catchThrowableOfType(UserInputException.class, () -> people().categorical("age")))
        .isNotNull();
  }

  @Test
  void dropRemovesOnlyTheNamedColumns() {
    assertThat(people().drop("city").schema().names()).containsExactly("age", "y");
    assertThat(people().drop("age", "y").schema().names()).containsExactly("city");
  }

  @Test
  void withColumnAddsAtTheEndOrReplacesInPlace() {
    Table t = people();
    Table added = t.withColumn(ColumnSpec.numeric("z"), NumericColumn.of(1, 2, 3, 4, 5));
    Table replaced =
        t.withColumn(
            new ColumnSpec("age", ColumnType.CATEGORICAL, ColumnRole.ID),
            CategoricalColumn.ofValues("a", "b", "c", "d", "e"));

    assertThat(added.schema().names()).containsExactly("age", "city", "y", "z");
    assertThat(replaced.schema().names()).containsExactly("age", "city", "y");
    assertThat(replaced.schema().get(0).type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(replaced.categorical("age").level(4)).isEqualTo("e");
    assertThat(t.schema().get(0).type())
        .as("the original is unchanged")
        .isEqualTo(ColumnType.NUMERIC);
    assertThatThrownBy(() -> t.withColumn(ColumnSpec.numeric("z"), NumericColumn.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"z\" has 2 rows, expected 5");
    assertThatThrownBy(
            () -> t.withColumn(ColumnSpec.numeric("z"), CategoricalColumn.ofValues("a", "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withRoleChangesOnlyTheRole() {
    Table t = people().withRole("city", ColumnRole.ID);

    assertThat(t.schema().spec("city").role()).isEqualTo(ColumnRole.ID);
    assertThat(t.schema().names(ColumnRole.FEATURE)).containsExactly("age");
    assertThat(t.column("city")).isEqualTo(people().column("city"));
    assertThat(people().schema().spec("city").role()).isEqualTo(ColumnRole.FEATURE);
  }

  @Test
  void takeMayRepeatRowsAndKeepsLevels() {
    Table t = people().take(new int[] {4, 0, 0, 3});

    assertThat(t.numeric("age").values()).containsExactly(60, 30, 30, 25);
    assertThat(t.categorical("city").levels()).containsExactly("Basel", "Bern", "Chur");
    assertThat(t.categorical("city").level(0)).isEqualTo("Chur");
    assertThat(t.categorical("city").isMissing(3)).isTrue();
    assertThat(people().take(new int[0]).rowCount()).isZero();
    assertThatThrownBy(() -> people().take(new int[] {5}))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> people().take(new int[] {-1}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void sliceAndFilter() {
    Table t = people();

    assertThat(t.slice(1, 3).numeric("y").values()).containsExactly(1, 1);
    assertThat(t.slice(5, 5).rowCount()).isZero();
    assertThatThrownBy(() -> t.slice(3, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> t.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(t.filter(r -> t.numeric("y").get(r) == 1).numeric("age").values())
        .containsExactly(41, Double.NaN, 60);
  }

  @Test
  void concatUnionsAndRecodesLevelDictionaries() {
    Table a = Table.builder().categorical("k", "b", "a").numeric("x", 1, 2).build();
    Table b = Table.builder().categorical("k", "c", null, "b").numeric("x", 3, 4, 5).build();

    Table t = Table.concat(List.of(a, b));

    CategoricalColumn k = t.categorical("k");
    assertThat(k.levels()).containsExactly("a", "b", "c");
    List<String> values = new ArrayList<>();
    for (int r = 0; r < k.size(); r++) {
      values.add(k.level(r));
    }
    assertThat(values).containsExactly("b", "a", "c", null, "b");
    assertThat(t.numeric("x").values()).containsExactly(1, 2, 3, 4, 5);
    assertThat(a.concat(b)).isEqualTo(t);
  }

  @Test
  void concatTakesRolesFromTheFirstTable() {
    Table a = Table.builder().numeric("x", 1).numeric("y", 0).role("y", ColumnRole.LABEL).build();
    Table b = Table.builder().numeric("x", 2).numeric("y", 1).build();

    assertThat(a.concat(b).schema()).isEqualTo(a.schema());
  }

  @Test
  void concatRejectsMismatchedSchemas() {
    Table a = Table.builder().numeric("x", 1).numeric("y", 2).build();

    assertThatThrownBy(() -> a.concat(Table.builder().numeric("y", 1).numeric("x", 2).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[x, y]")
        .hasMessageContaining("[y, x]");
    assertThatThrownBy(() -> a.concat(Table.builder().numeric("x", 1).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> a.concat(Table.builder().numeric("x", 1).categorical("y", "2").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"y\" is numeric in one table and categorical in another");
    assertThatThrownBy(() -> Table.concat(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batchesCoverAllRowsInOrderWithAShortLastBatch() {
    double[] ids = new double[23];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    Table t = Table.builder().numeric("id", ids).build();

    List<Integer> sizes = new ArrayList<>();
    List<Table> parts = new ArrayList<>();
    for (Table batch : t.batches(5)) {
      sizes.add(batch.rowCount());
      parts.add(batch);
    }

    assertThat(sizes).containsExactly(5, 5, 5, 5, 3);
    assertThat(Table.concat(parts)).isEqualTo(t);
    assertThat(t.batches(23)).hasSize(1);
    assertThat(t.batches(100)).singleElement().isEqualTo(t);
    assertThat(t.slice(0, 0).batches(5)).isEmpty();
    assertThat(t.batches(5)).as("iterable twice").hasSize(5);
    assertThatThrownBy(() -> t.batches(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void arraysPassedInOrReturnedDoNotChangeTheTable() {
    double[] values = {1, 2, 3};
    int[] codes = {0, 1, -1};
    List<String> levels = new ArrayList<>(List.of("a", "b"));
    List<ColumnSpec> specs =
        new ArrayList<>(List.of(ColumnSpec.numeric("x"), ColumnSpec.categorical("k")));
    List<Column> columns =
        new ArrayList<>(List.of(NumericColumn.of(values), CategoricalColumn.of(codes, levels)));
    Table t = Table.of(Schema.of(specs), columns);
    Table copy = Table.builder().numeric("x", 1, 2, 3).categorical("k", "a", "b", null).build();

    values[0] = 99;
    codes[0] = 1;
    levels.set(0, "z");
    specs.set(0, ColumnSpec.numeric("renamed"));
    columns.clear();
    t.numeric("x").values()[1] = 99;
    t.categorical("k").codes()[1] = 0;

    assertThat(t).isEqualTo(copy);
    assertThatThrownBy(() -> t.columns().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> t.categorical("k").levels().set(0, "z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theBuilderCopiesItsArrays() {
    double[] values = {1, 2};
    Table t = Table.builder().numeric("x", values).build();

    values[0] = 99;

    assertThat(t.numeric("x").get(0)).isEqualTo(1);
  }

  @Test
  void equalTablesHaveEqualHashCodes() {
    assertThat(people()).isEqualTo(people()).hasSameHashCodeAs(people());
    assertThat(people()).isNotEqualTo(people().withRole("y", ColumnRole.FEATURE));
  }
}
