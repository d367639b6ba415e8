package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReadTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return file(text.getBytes(StandardCharsets.UTF_8));
  }

  private Path file(byte[] bytes) throws IOException {
    Path f = dir.resolve("data.csv");
    Files.write(f, bytes);
    return f;
  }

  private Table read(String text) throws IOException {
    return Csv.read(file(text));
  }

  private Table read(String text, CsvOptions options) throws IOException {
    return Csv.read(file(text), options);
  }

  private UserInputException readError(String text, CsvOptions options) throws IOException {
    Path f = file(text);
    return catchThrowableOfType(UserInputException.class, () -> Csv.read(f, options));
  }

  private UserInputException readError(String text) throws IOException {
    return readError(text, CsvOptions.defaults());
  }

  private String where(int line) {
    return dir.resolve("data.csv") + ":" + line;
  }

  // --- type inference ---------------------------------------------------------------------

  @Test
  void aColumnIsNumericWhenEveryNonEmptyValueIsANumber() throws IOException {
    Table t = read("a,b,c\n1,x,1.5\n,2,\n-3e2,y,4\n");

    assertThat(t.schema().get(0).type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(t.numeric("a").values()).containsExactly(1, Double.NaN, -300);
    assertThat(t.schema().get(1).type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(t.categorical("b").levels()).containsExactly("2", "x", "y");
    assertThat(t.numeric("c").values()).containsExactly(1.5, Double.NaN, 4);
  }

  @Test
  void anInfiniteNumberInAnInferredNumericColumnIsAnErrorNamingLineColumnAndValue()
      throws IOException {
    for (String inf : List.of("inf", "-inf", "Infinity", "+INF", "1e999", "-2.5e400")) {
      UserInputException e = readError("id,x\na,1\nb,2\nc," + inf + "\n");

      assertThat(e).as(inf).isNotNull();
      assertThat(e.where()).as(inf).isEqualTo(where(4) + " (column \"x\")");
      assertThat(e.found()).as(inf).startsWith("\"" + inf + "\"").contains("infinite");
      assertThat(e.expected()).as(inf).startsWith("a finite number");
      assertThat(e.fix()).as(inf).contains("--categorical x");
    }
  }

  @Test
  void anInfiniteNumberInAForcedNumericColumnIsTheSameError() throws IOException {
    CsvOptions options = CsvOptions.defaults().withType("x", ColumnType.NUMERIC);

    UserInputException e = readError("x\n1\n-Infinity\n", options);

    assertThat(e.where()).isEqualTo(where(3) + " (column \"x\")");
    assertThat(e.expected()).startsWith("a finite number");
  }

  @Test
  void infAmongTextOrInAForcedCategoricalColumnIsAnOrdinaryLevel() throws IOException {
    CsvOptions options = CsvOptions.defaults().withType("y", ColumnType.CATEGORICAL);

    Table t = read("x,y\ninf,1\nlow,inf\n", options);

    assertThat(t.categorical("x").levels()).containsExactly("inf", "low");
    assertThat(t.categorical("y").levels()).containsExactly("1", "inf");
  }

  @Test
  void theLargestFiniteDoubleIsStillANumber() throws IOException {
    Table t = read("x\n1.7976931348623157e308\n-1e308\n");

    assertThat(t.numeric("x").values()).containsExactly(Double.MAX_VALUE, -1e308);
  }

  @Test
  void onlyAnEmptyFieldIsMissingAndNaIsACategory() throws IOException {
    Table t = read("v,w\nNA,1\n,2\nn/a,3\n\"\",4\n");

    CategoricalColumn v = t.categorical("v");
    assertThat(v.levels()).containsExactly("NA", "n/a");
    assertThat(v.level(0)).isEqualTo("NA");
    assertThat(v.isMissing(1)).isTrue();
    assertThat(v.level(2)).isEqualTo("n/a");
    assertThat(v.isMissing(3)).as("a quoted empty field is empty too").isTrue();
    assertThat(v.missingCount()).isEqualTo(2);
  }

  @Test
  void aNaNInANumericLookingColumnMakesItCategorical() throws IOException {
    Table t = read("v\n1\nNaN\n2\n");

    assertThat(t.schema().get(0).type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(t.categorical("v").levels()).containsExactly("1", "2", "NaN");
  }

  @Test
  void aZeroOneColumnIsNumeric() throws IOException {
    Table t = read("label\n0\n1\n1\n0\n");

    assertThat(t.schema().get(0).type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(t.numeric("label").values()).containsExactly(0, 1, 1, 0);
  }

  @Test
  void forcedCategoricalOnANumericColumnKeepsTheTextLevels() throws IOException {
    CsvOptions options = CsvOptions.defaults().withType("label", ColumnType.CATEGORICAL);

    Table t = read("label,x\n1,5\n0,6\n1,7\n", options);

    CategoricalColumn label = t.categorical("label");
    assertThat(label.levels()).containsExactly("0", "1");
    assertThat(label.codes()).containsExactly(1, 0, 1);
    assertThat(t.schema().get(1).type()).isEqualTo(ColumnType.NUMERIC);
  }

  @Test
  void forcedCategoricalKeepsTheTextAsWritten() throws IOException {
    CsvOptions options = CsvOptions.defaults().withType("zip", ColumnType.CATEGORICAL);

    Table t = read("zip\n01234\n1234\n", options);

    assertThat(t.categorical("zip").levels()).containsExactly("01234", "1234");
  }

  @Test
  void forcedNumericAndRolesAreApplied() throws IOException {
    CsvOptions options =
        CsvOptions.defaults()
            .withType("x", ColumnType.NUMERIC)
            .withLabel("y")
            .withRole("id", ColumnRole.ID);

    Table t = read("id,x,y\na,1,p\nb,,q\n", options);

    assertThat(t.schema().columns())
        .containsExactly(
            new ColumnSpec("id", ColumnType.CATEGORICAL, ColumnRole.ID),
            new ColumnSpec("x", ColumnType.NUMERIC, ColumnRole.FEATURE),
            new ColumnSpec("y", ColumnType.CATEGORICAL, ColumnRole.LABEL));
  }

  @Test
  void aHeaderWithoutRowsGivesAnEmptyTable() throws IOException {
    Table t = read("a,b\n");

    assertThat(t.rowCount()).isZero();
    assertThat(t.schema().names()).containsExactly("a", "b");
  }

  // --- syntax -----------------------------------------------------------------------------

  @Test
  void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
    Table t = read("name,n\n\"Smith, J\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n");

    assertThat(t.rowCount()).isEqualTo(3);
    CategoricalColumn name = t.categorical("name");
    assertThat(name.level(0)).isEqualTo("Smith, J");
    assertThat(name.level(1)).isEqualTo("say \"hi\"");
    assertThat(name.level(2)).isEqualTo("two\nlines");
    assertThat(t.numeric("n").values()).containsExactly(1, 2, 3);
  }

  @Test
  void crlfEndsRecordsLikeLf() throws IOException {
    Table crlf = read("a,b\r\n1,x\r\n2,y\r\n");
    Table lf = read("a,b\n1,x\n2,y\n");

    assertThat(crlf).isEqualTo(lf);
    assertThat(crlf.categorical("b").levels()).containsExactly("x", "y");
  }

  @Test
  void aUtf8ByteOrderMarkIsSkipped() throws IOException {
    Table t = read("\uFEFFage,city\n30,Zürich\n");

    assertThat(t.schema().names()).containsExactly("age", "city");
    assertThat(t.numeric("age").get(0)).isEqualTo(30);
    assertThat(t.categorical("city").level(0)).isEqualTo("Zürich");
  }

  @Test
  void blankTrailingLinesAreIgnored() throws IOException {
    Table t = read("a\n1\n2\n\n");

    assertThat(t.numeric("a").values()).containsExactly(1, 2);
  }

  @Test
  void aFileWithoutAFinalLineBreakReadsItsLastRow() throws IOException {
    Table t = read("a,b\n1,2\n3,4");

    assertThat(t.numeric("b").values()).containsExactly(2, 4);
  }

  // --- ragged rows ------------------------------------------------------------------------

  @Test
  void aRowWithTooFewFieldsIsAnErrorNamingFileAndLine() throws IOException {
    UserInputException e = readError("a,b,c\n1,2,3\n4,5\n");

    assertThat(e.where()).isEqualTo(where(3));
    assertThat(e.found()).isEqualTo("a row of 2 fields");
    assertThat(e.expected()).contains("3 fields").contains("[a, b, c]");
    assertThat(e.fix()).contains("add the missing fields");
    assertThat(e.getMessage()).startsWith(where(3)).contains("found:    a row of 2 fields");
  }

  @Test
  void aRowWithTooManyFieldsIsAnErrorNamingFileAndLine() throws IOException {
    UserInputException e = readError("a,b\n1,2\n3,4\n5,6,7\n");

    assertThat(e.where()).isEqualTo(where(4));
    assertThat(e.found()).isEqualTo("a row of 3 fields");
    assertThat(e.fix()).contains("remove the extra fields").contains("quote");
  }

  @Test
  void aRaggedRowAfterAQuotedLineBreakIsReportedOnItsOwnLine() throws IOException {
    // line 1 header, lines 2-3 one record, line 4 fine, line 5 ragged
    UserInputException e = readError("a,b\n\"x\ny\",1\nz,2\nw\n");

    assertThat(e.where()).isEqualTo(where(5));
    assertThat(e.found()).isEqualTo("a row of 1 field");
  }

  @Test
  void aRaggedRowAfterCrlfLinesAndQuotedCrlfIsReportedOnItsOwnLine() throws IOException {
    UserInputException e = readError("a,b\r\n\"x\r\ny\",1\r\nz,2\r\nw\r\n");

    assertThat(e.where()).isEqualTo(where(5));
  }

  @Test
  void aRaggedRowAfterABlankLineIsReportedOnItsOwnLine() throws IOException {
    // line 3 is blank and skipped; the ragged row is on line 5
    UserInputException e = readError("a,b\n1,2\n\n3,4\n5\n");

    assertThat(e.where()).isEqualTo(where(5));
  }

  @Test
  void lineNumbersCountSkippedBlankLines() throws IOException {
    assertThat(readError("a,b\n1,2\n\n\n3\n").where()).isEqualTo(where(5));
    assertThat(readError("a,b\r\n1,2\r\n\r\n\r\n3\r\n").where()).isEqualTo(where(5));
    assertThat(readError("a,b\r1,2\r\r3\r").where()).isEqualTo(where(4));
    assertThat(readError("a,b\n\n\"x,1\n").where()).isEqualTo(where(3));
    assertThat(readError("a,b\n1,2\n\n\n3,\"4\"z\n").where()).isEqualTo(where(5));
    assertThat(readError("\n\na,a\n1,2\n").where()).isEqualTo(where(3) + " (header field 2)");
    assertThat(readError("a,b\n\"x\n\ny\",1\n\n2\n").where())
        .as("blank lines inside a quoted field are not skipped lines")
        .isEqualTo(where(6));
  }

  @Test
  void aRaggedLastRowWithoutALineBreakIsReportedOnItsOwnLine() throws IOException {
    UserInputException e = readError("a,b\n1,2\n3");

    assertThat(e.where()).isEqualTo(where(3));
  }

  // --- values against forced types --------------------------------------------------------

  @Test
  void forcedNumericReadsANonNumberAsMissingAndReportsFileLineAndValue() throws IOException {
    CsvOptions options = CsvOptions.defaults().withType("age", ColumnType.NUMERIC);

    CsvRead read = Csv.readWithNotices(file("id,age\n1,30\n2,\n3,forty\n"), options);

    assertThat(read.table().numeric("age").values()).containsExactly(30, Double.NaN, Double.NaN);
    assertThat(read.notNumbers()).hasSize(1);
    CsvRead.NotNumbers n = read.notNumbers().get(0);
    assertThat(n.column()).isEqualTo("age");
    assertThat(n.forcedNumeric()).isTrue();
    assertThat(n.first()).containsExactly(new CsvRead.Cell("forty", 4));
    assertThat(read.notices())
        .containsExactly(
            dir.resolve("data.csv")
                + ": age: 1 value of 2 is not a number: \"forty\" at line 4; read as missing"
                + " (--numeric)");
  }

  @Test
  void forcedNumericReadsNaAsMissing() throws IOException {
    CsvOptions options = CsvOptions.defaults().withType("x", ColumnType.NUMERIC);

    CsvRead read = Csv.readWithNotices(file("x\n1\nNA\n"), options);

    assertThat(read.table().numeric("x").values()).containsExactly(1, Double.NaN);
    assertThat(read.notNumbers().get(0).first()).containsExactly(new CsvRead.Cell("NA", 3));
  }

  @Test
  void anUnknownColumnInOptionsListsTheHeaderNames() throws IOException {
    UserInputException typed =
        readError("age,income\n1,2\n", CsvOptions.defaults().withType("Age", ColumnType.NUMERIC));
    UserInputException labelled =
        readError("age,income\n1,2\n", CsvOptions.defaults().withLabel("y"));

    assertThat(typed.where()).contains("data.csv").contains("\"Age\"");
    assertThat(typed.expected()).isEqualTo("one of [age, income]");
    assertThat(typed.fix()).contains("case-sensitive");
    assertThat(labelled.where()).contains("\"y\"");
    assertThat(labelled.expected()).isEqualTo("one of [age, income]");
  }

  // --- broken files -----------------------------------------------------------------------

  @Test
  void anEmptyFileAsksForAHeader() throws IOException {
    UserInputException e = readError("");

    assertThat(e.where()).isEqualTo(dir.resolve("data.csv").toString());
    assertThat(e.found()).isEqualTo("an empty file");
    assertThat(e.fix()).contains("header");
  }

  @Test
  void aFileOfBlankLinesIsEmpty() throws IOException {
    assertThat(readError("\n\n").found()).isEqualTo("an empty file");
  }

  @Test
  void aDuplicateHeaderNameIsAnError() throws IOException {
    UserInputException e = readError("a,b,a\n1,2,3\n");

    assertThat(e.where()).isEqualTo(where(1) + " (header field 3)");
    assertThat(e.found()).isEqualTo("column \"a\" again");
    assertThat(e.fix()).contains("rename");
  }

  @Test
  void aBlankHeaderNameIsAnError() throws IOException {
    UserInputException e = readError("a,,c\n1,2,3\n");

    assertThat(e.where()).isEqualTo(where(1) + " (header field 2)");
    assertThat(e.found()).isEqualTo("an empty column name");
  }

  @Test
  void aMissingFileIsAUserError() {
    Path missing = dir.resolve("nope.csv");

    UserInputException e = catchThrowableOfType(UserInputException.class, () -> Csv.read(missing));

    assertThat(e.where()).isEqualTo(missing.toString());
    assertThat(e.found()).isEqualTo("no such file");
    assertThat(e.fix()).contains("path");
  }

  @Test
  void aFolderIsAUserError() {
    UserInputException e = catchThrowableOfType(UserInputException.class, () -> Csv.read(dir));

    assertThat(e.where()).isEqualTo(dir.toString());
    assertThat(e.found()).isEqualTo("a folder");
  }

  @Test
  void bytesThatAreNotUtf8AreAUserError() throws IOException {
    byte[] latin1 = "name\nZ\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1);
    Path f = file(latin1);

    UserInputException e = catchThrowableOfType(UserInputException.class, () -> Csv.read(f));

    assertThat(e.where()).startsWith(f.toString());
    assertThat(e.found()).contains("not UTF-8");
    assertThat(e.fix()).contains("UTF-8");
  }

  @Test
  void aBrokenHeaderIsReportedOnLineOne() throws IOException {
    assertThat(readError("a,\"b\n").where()).isEqualTo(where(1));
  }

  @Test
  void anUnclosedQuoteIsAUserErrorNamingTheLine() throws IOException {
    UserInputException e = readError("a,b\n1,2\n3,\"open\n4,5\n");

    assertThat(e.where()).isEqualTo(where(3));
    assertThat(e.found()).isEqualTo("a quoted field that is still open at the end of the file");
    assertThat(e.expected()).contains("CSV");
    assertThat(e.fix()).contains("quote");
  }

  @Test
  void textAfterAClosingQuoteIsAUserError() throws IOException {
    UserInputException e = readError("a,b\n\"p\nq\",1\n1,\"2\"x\n");

    assertThat(e.where()).isEqualTo(where(4));
    assertThat(e.found()).isEqualTo("text after the closing quote of a field");
    assertThat(e.fix()).contains("quote");
  }

  @Test
  void readingFromAReaderUsesTheGivenSourceName() {
    UserInputException e =
        catchThrowableOfType(
            UserInputException.class,
            () -> Csv.read(new java.io.StringReader("a\n1,2\n"), "inline", CsvOptions.defaults()));

    assertThat(e.where()).isEqualTo("inline:2");
  }

  @Test
  void levelsAreSortedWhateverTheRowOrder() throws IOException {
    Table t1 = read("c\nb\na\nc\n");
    Table t2 = read("c\nc\na\nb\n");

    assertThat(t1.categorical("c").levels()).isEqualTo(List.of("a", "b", "c"));
    assertThat(t2.categorical("c").levels()).isEqualTo(t1.categorical("c").levels());
  }

  // --- dialects ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {";", "\t", "|"})
  void theDelimiterIsDetectedFromTheHeaderAndFirstRows(String d) throws IOException {
    String text =
        String.join(d, "a", "b", "c") + "\n" + String.join(d, "1,5", "x", "\"p" + d + "q\"") + "\n";

    CsvRead read = Csv.readWithNotices(file(text), CsvOptions.defaults());

    assertThat(read.delimiter()).isEqualTo(d.charAt(0));
    assertThat(read.delimiterDetected()).isTrue();
    assertThat(read.table().schema().names()).containsExactly("a", "b", "c");
    assertThat(read.table().categorical("a").levels()).containsExactly("1,5");
    assertThat(read.table().categorical("c").levels()).containsExactly("p" + d + "q");
    assertThat(read.notices()).hasSize(1);
    assertThat(read.notices().get(0))
        .startsWith(dir.resolve("data.csv") + ": fields separated by ")
        .contains("--delimiter");
  }

  @Test
  void aCommaFileSaysNothingAboutItsDelimiter() throws IOException {
    CsvRead read = Csv.readWithNotices(file("a,b\n1;2,3\n"), CsvOptions.defaults());

    assertThat(read.delimiter()).isEqualTo(',');
    assertThat(read.table().categorical("a").levels()).containsExactly("1;2");
    assertThat(read.notices()).isEmpty();
  }

  @Test
  void aDelimiterThatSplitsRowsUnevenlyIsNotChosen() throws IOException {
    // semicolons split the header in two but not the rows: the file is comma-separated
    CsvRead read = Csv.readWithNotices(file("a;b,c\n1,2\n3,4\n"), CsvOptions.defaults());

    assertThat(read.delimiter()).isEqualTo(',');
    assertThat(read.table().schema().names()).containsExactly("a;b", "c");
  }

  @Test
  void aGivenDelimiterIsUsedAsIs() throws IOException {
    Path f = file("a;b\n1;2\n");

    CsvRead read = Csv.readWithNotices(f, CsvOptions.defaults().withDelimiter(','));

    assertThat(read.table().schema().names()).containsExactly("a;b");
    assertThat(read.delimiterDetected()).isFalse();
    assertThat(read.notices()).isEmpty();
  }

  @Test
  void numbersWithSpacesAroundThemAreNumbers() throws IOException {
    Table t = read("a,b\n 2,x\n3 , 4\n");

    assertThat(t.schema().get(0).type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(t.numeric("a").values()).containsExactly(2, 3);
    assertThat(t.categorical("b").levels()).containsExactly(" 4", "x");
  }

  @Test
  void anOptionNamingAHeaderColumnButForSpacesSaysSo() throws IOException {
    UserInputException e = readError("a, b\n1,2\n", CsvOptions.defaults().withLabel("b"));

    assertThat(e.found()).contains("\" b\"").contains("spaces");
    assertThat(e.expected()).isEqualTo("one of [\"a\", \" b\"]");
    assertThat(e.fix()).contains("spaces").doesNotContain("case");
  }

  @Test
  void aHeaderWithoutRowsIsRefusedByRequireRows() throws IOException {
    CsvRead read = Csv.readWithNotices(file("a,b\n"), CsvOptions.defaults());

    UserInputException e = catchThrowableOfType(UserInputException.class, read::requireRows);

    assertThat(e.where()).isEqualTo(dir.resolve("data.csv").toString());
    assertThat(e.found()).isEqualTo("a header and no rows");
  }

  @Test
  void aClosedQuoteBeforeBlankCrlfLinesIsNotAnOpenOne() throws IOException {
    Table t = read("a,b\r\n1,\"x\"\"\"\r\n\r\n\r\n");

    assertThat(t.categorical("b").levels()).containsExactly("x\"");
  }

  @Test
  void anUnclosedQuotedHeaderFieldIsReportedOnLineOne() throws IOException {
    assertThat(readError("a,\"b\r\n\r\n").found())
        .isEqualTo("a quoted field that is still open at the end of the file");
  }

  // --- columns that turn to text late -----------------------------------------------------

  @Test
  void aColumnThatTurnsToTextAfterNumbersKeepsTheNumbersAsWritten() throws IOException {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 70_000; i++) { // more than one storage chunk of rows before the text
      text.append(i % 2 == 0 ? "1.50" : "007").append(",").append(i).append('\n');
    }
    text.append("abc,1\n");

    Table fromFile = read(text.toString());
    Table fromReader = Csv.read(new StringReader(text.toString()), "inline", CsvOptions.defaults());

    for (Table t : List.of(fromFile, fromReader)) {
      CategoricalColumn x = t.categorical("x");
      assertThat(x.levels()).containsExactly("007", "1.50", "abc");
      assertThat(x.level(0)).isEqualTo("1.50");
      assertThat(x.level(69_999)).isEqualTo("007");
      assertThat(x.level(70_000)).isEqualTo("abc");
      assertThat(t.numeric("y").get(69_999)).isEqualTo(69_999);
    }
  }

  @Test
  void aNearlyNumericColumnIsCategoricalAndItsNonNumbersAreReported() throws IOException {
    StringBuilder text = new StringBuilder("annual_inc,b\n");
    for (int i = 0; i < 40_000; i++) {
      text.append(i == 18_340 ? "N/A" : Integer.toString(1000 + i)).append(",x\n");
    }

    CsvRead read = Csv.readWithNotices(file(text.toString()), CsvOptions.defaults());

    assertThat(read.table().schema().spec("annual_inc").type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(read.notNumbers()).hasSize(1);
    assertThat(read.notNumbers().get(0).message())
        .isEqualTo(
            "annual_inc: 1 value of 40,000 is not a number: \"N/A\" at line 18,342;"
                + " --numeric annual_inc reads it as missing");
    CsvRead forced =
        Csv.readWithNotices(
            file(text.toString()),
            CsvOptions.defaults().withType("annual_inc", ColumnType.NUMERIC));
    assertThat(forced.table().numeric("annual_inc").get(18_340)).isNaN();
    assertThat(forced.table().numeric("annual_inc").get(18_341)).isEqualTo(19_341);
  }

  /**
   * A small table with a missing-value marker in a few cells: 4 "N/A" of 200 values (2 %, above the
   * 1 % allowed for any non-numbers) is still nearly numeric, as one marker text; 11 % is not.
   */
  @Test
  void aFewCellsOfOneMissingValueMarkerAreReportedInASmallTable() throws IOException {
    StringBuilder text = new StringBuilder("bill_length_mm;sex\n");
    for (int i = 0; i < 200; i++) {
      text.append(i % 50 == 3 ? "N/A" : (30 + i * 0.1) + "").append(";x\n");
    }

    CsvRead read = Csv.readWithNotices(file(text.toString()), CsvOptions.defaults());

    assertThat(read.table().schema().get(0).type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(read.notNumbers()).hasSize(1);
    assertThat(read.notNumbers().get(0).message())
        .isEqualTo(
            "bill_length_mm: 4 values of 200 are not numbers: \"N/A\" at line 5, \"N/A\" at line"
                + " 55, \"N/A\" at line 105, \"N/A\" at line 155; --numeric bill_length_mm reads"
                + " them as missing");
    StringBuilder many = new StringBuilder("x\n");
    for (int i = 0; i < 100; i++) {
      many.append(i % 9 == 0 ? "N/A" : Integer.toString(i)).append('\n');
    }
    assertThat(Csv.readWithNotices(file(many.toString()), CsvOptions.defaults()).notNumbers())
        .isEmpty();
  }

  @Test
  void aColumnWithManyNonNumbersIsPlainTextWithoutAWarning() throws IOException {
    StringBuilder text = new StringBuilder("code\n");
    for (int i = 0; i < 100; i++) {
      text.append(i % 10 == 0 ? "A" + i : Integer.toString(i)).append('\n');
    }

    CsvRead read = Csv.readWithNotices(file(text.toString()), CsvOptions.defaults());

    assertThat(read.table().schema().get(0).type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(read.notNumbers()).isEmpty();
  }

  // --- dates ------------------------------------------------------------------------------

  @Test
  void isoDatesAreADatetimeColumnOfEpochSeconds() throws IOException {
    Table t = read("d,n\n2024-01-31,1\n,2\n1970-01-02,3\n");

    ColumnSpec spec = t.schema().spec("d");
    assertThat(spec.type()).isEqualTo(ColumnType.DATETIME);
    assertThat(spec.dateFormat()).isEqualTo(DateTimeFormat.DATE);
    assertThat(t.numeric("d").values())
        .containsExactly(
            java.time.LocalDate.of(2024, 1, 31).toEpochDay() * 86_400.0, Double.NaN, 86_400);
  }

  @Test
  void dateTimesWithZoneOrOffsetAreInstants() throws IOException {
    Table t =
        read(
            "a,b,c\n"
                + "2024-01-31T10:00:00Z,2024-01-31T12:00:00+02:00,2024-01-31 10:00\n"
                + "2024-01-31T10:00:30Z,2024-01-31T12:00:30+02:00,2024-01-31 10:30\n");

    double tenOClock = java.time.Instant.parse("2024-01-31T10:00:00Z").getEpochSecond();
    assertThat(t.numeric("a").values()).containsExactly(tenOClock, tenOClock + 30);
    assertThat(t.numeric("b").values()).containsExactly(tenOClock, tenOClock + 30);
    assertThat(t.numeric("c").values()).containsExactly(tenOClock, tenOClock + 1800);
    assertThat(t.schema().spec("b").dateFormat().offset()).isEqualTo("+02:00");
    assertThat(t.schema().spec("c").dateFormat().separator()).isEqualTo(' ');
    assertThat(t.schema().spec("c").dateFormat().seconds()).isFalse();
  }

  @Test
  void datesAreWrittenBackAsTheyWereRead() throws IOException {
    String text =
        "d,t,z,s\n"
            + "2024-01-31,2024-01-31T10:00:00,2024-01-31T10:00:00.250+02:00,2024-02-29 23:59\n"
            + ",1999-12-31T23:59:59,2024-01-31T10:00:01.500+02:00,2024-03-01 00:00\n";

    StringWriter out = new StringWriter();
    Csv.write(read(text), out);

    assertThat(out.toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29", // not a calendar date
        "2024-13-01",
        "2024-1-31",
        "31/01/2024",
        "2024-01-31T25:00",
        "2024-01-31T10:00+2:00"
      })
  void textThatIsNotAnIsoDateMakesTheColumnCategorical(String notADate) throws IOException {
    Table t = read("d\n2024-01-31\n" + notADate + "\n");

    assertThat(t.schema().get(0).type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(t.categorical("d").levels()).containsExactlyInAnyOrder("2024-01-31", notADate);
  }

  @Test
  void datesAndNumbersTogetherAreCategoricalAndForcedCategoricalKeepsDatesAsText()
      throws IOException {
    Table mixed = read("d\n2024-01-31\n5\n");
    Table forced =
        read("d\n2024-01-31\n", CsvOptions.defaults().withType("d", ColumnType.CATEGORICAL));

    assertThat(mixed.categorical("d").levels()).containsExactly("2024-01-31", "5");
    assertThat(forced.categorical("d").levels()).containsExactly("2024-01-31");
  }
}
