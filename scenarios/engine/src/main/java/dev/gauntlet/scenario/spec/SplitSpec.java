package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gauntlet.FieldException;
import dev.gauntlet.data.NumberText;
import java.util.List;

/**
 * How the rows are split into training and test rows: a share held out for testing (stratified by
 * the label unless told otherwise), or a separate test file.
 *
 * <pre>
 * split: 0.25                 # short form: a quarter of the rows for testing, stratified
 * split: ../data/test.csv     # short form: a separate test file
 * split: {test: 0.25, stratify: false}
 * </pre>
 *
 * @param test the share of rows held out for testing, in (0, 1); default 0.3; not with {@code file}
 * @param stratify whether each class keeps its share in both parts; default true
 * @param file a CSV of test rows (same columns as the data); all data rows then train
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitSpec(Double test, Boolean stratify, String file) {
  /** The test share when none is given. */
  public static final double DEFAULT_TEST = 0.3;

  public SplitSpec {
    if (test != null && !(test > 0 && test < 1)) {
      throw new FieldException("test", test.toString(), "a share within (0, 1)", "e.g. 0.3");
    }
    Checks.nonBlank(file, "file");
    if (file != null && (test != null || stratify != null)) {
      throw new FieldException(
          test != null ? "test" : "stratify",
          "a held-out share with a test file",
          "either file or test/stratify",
          "remove test and stratify, or file");
    }
  }

  /** The default: 30 % of the rows for testing, stratified by the label. */
  public static SplitSpec defaults() {
    return new SplitSpec(null, null, null);
  }

  /** A share of the rows held out, stratified by the label. */
  public static SplitSpec fraction(double test) {
    return new SplitSpec(test, null, null);
  }

  /** A separate test file. */
  public static SplitSpec testFile(String file) {
    return new SplitSpec(null, null, file);
  }

  public SplitSpec withStratify(boolean newStratify) {
    return new SplitSpec(test, newStratify, file);
  }

  /** The short form {@code split: 0.3}: the test share. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static SplitSpec fromNumber(double test) {
    return fraction(test);
  }

  /** The short forms as text: a number is the test share, any other text a test file. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static SplitSpec fromText(String text) {
    if (text != null && NumberText.isNumber(text.trim())) {
      return fraction(NumberText.parse(text.trim()));
    }
    if (text == null || text.isBlank()) {
      throw new FieldException(List.of(), "\"" + text + "\"", "a test share or a test file", null);
    }
    return testFile(text);
  }

  public double testOrDefault() {
    return test == null ? DEFAULT_TEST : test;
  }

  public boolean stratifyOrDefault() {
    return stratify == null || stratify;
  }
}
