package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.random.Seed;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "-1.5",
        "+2",
        ".5",
        "5.",
        "1e-3",
        "1E+3",
        "-.5e2",
        "007",
        "inf",
        "-inf",
        "+Inf",
        "Infinity",
        "-Infinity",
        "INFINITY"
      })
  void accepts(String s) {
    assertThat(NumberText.isNumber(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "NaN",
        "nan",
        "0x10",
        "1.5d",
        "1f",
        "1e",
        "1e+",
        "e3",
        ".",
        "-",
        "+",
        " 1",
        "1 ",
        "1,5",
        "1.2.3",
        "--1",
        "1_000",
        "infinit",
        "infinityx",
        "١"
      })
  void rejects(String s) {
    assertThat(NumberText.isNumber(s)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "-1.5, -1.5",
    ".5, 0.5",
    "5., 5",
    "1e-3, 0.001",
    "-.5e2, -50",
  })
  void parsesFiniteValues(String text, double expected) {
    assertThat(NumberText.parse(text)).isEqualTo(expected);
  }

  @Test
  void parsesInfinitiesAndNegativeZero() {
    assertThat(NumberText.parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(NumberText.parse("+Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(NumberText.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Double.doubleToRawLongBits(NumberText.parse("-0")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void parseRejectsWhatIsNumberRejects() {
    assertThatThrownBy(() -> NumberText.parse("NaN"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("\"NaN\"");
    assertThatThrownBy(() -> NumberText.parse("1.5d")).isInstanceOf(NumberFormatException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "0.1, 0.1",
    "1e-8, 1e-8",
    "123456789.125, 123456789.125",
    "1e22, 1e22",
    "1e21, 1e21",
    "1e15, 1000000000000000",
    "1e-7, 0.0000001",
    "100, 100",
    "-3, -3",
    "2.5e-300, 2.5e-300",
    "-1.7976931348623157e308, -1.7976931348623157e308",
    "4.9e-324, 4.9e-324",
    "0.30000000000000004, 0.30000000000000004",
  })
  void formatsTheShortestText(double value, String expected) {
    assertThat(NumberText.format(value)).isEqualTo(expected);
  }

  @Test
  void formatsSpecialValues() {
    assertThat(NumberText.format(Double.NaN)).isEmpty();
    assertThat(NumberText.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(NumberText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(NumberText.format(0.0)).isEqualTo("0");
    assertThat(NumberText.format(-0.0)).isEqualTo("-0");
  }

  @Test
  void formatReadsBackBitForBitAndIsNoLongerThanJava() {
    UniformRandomProvider rng = Seed.of(20261126L).rng();
    for (int i = 0; i < 50_000; i++) {
      double v = RandomDoubles.next(rng);
      if (Double.isNaN(v)) {
        continue;
      }
      String text = NumberText.format(v);
      assertThat(NumberText.isNumber(text)).as("isNumber(%s) for %s", text, v).isTrue();
      assertThat(Double.doubleToRawLongBits(NumberText.parse(text)))
          .as("%s written as %s", v, text)
          .isEqualTo(Double.doubleToRawLongBits(v));
      // Java 17's Double.toString is not always shortest; for normal values ours never has more
      // digits. Among subnormals Schubfach may pick 9.9e-324 where Java 17 says 1.0E-323.
      if (Double.isFinite(v) && Math.abs(v) >= Double.MIN_NORMAL) {
        assertThat(significantDigits(text))
            .as("digits of %s against Double.toString %s", text, Double.toString(v))
            .isLessThanOrEqualTo(significantDigits(Double.toString(v)));
      }
    }
  }

  /** A CSV cell's text as a char buffer with other text around it, as the reader sees it. */
  private static double cell(String text) {
    char[] buf = ("x," + text + ",y").toCharArray();
    return NumberText.value(buf, 2, text.length());
  }

  @Test
  void cellValuesAreDoubleParseDoubleBitForBit() {
    // the reader's own digit loop (Clinger's fast path for up to 15 digits and 10^±22, else
    // Double.parseDouble) against Java's parser, on shortest, fixed-decimal and exponent texts
    UniformRandomProvider rng = Seed.of(20261203L).rng();
    for (int i = 0; i < 50_000; i++) {
      double v = RandomDoubles.next(rng);
      if (!Double.isFinite(v)) {
        continue;
      }
      int decimals = rng.nextInt(8);
      for (String text :
          new String[] {
            NumberText.format(v),
            String.format(java.util.Locale.ROOT, "%." + decimals + "f", v),
            String.format(java.util.Locale.ROOT, "%." + decimals + "e", v),
            Long.toString(rng.nextLong() >> rng.nextInt(64))
          }) {
        assertThat(Double.doubleToRawLongBits(cell(text)))
            .as("%s", text)
            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "' 2', 2",
    "'2 ', 2",
    "'  -1.5e3  ', -1500",
    "'000123.4500', 123.45",
    "'.5', 0.5",
    "'5.', 5",
    "'12345678901234567890', 12345678901234567890",
    "'0.000000000000000000000000001', 1e-27",
    "'1e400', Infinity",
    "'inf', Infinity",
    "' -Infinity ', -Infinity"
  })
  void cellValuesAllowSpacesAround(String text, double expected) {
    assertThat(cell(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "NaN", "0x10", "1.5d", "1e", "1 2", "- 1", "1,5", "infinit", "١", "+"})
  void cellsThatAreNotNumbersAreNaN(String text) {
    assertThat(cell(text)).isNaN();
  }

  /** Digits of the mantissa without leading or trailing zeros: "0.00120" and "1.2E-3" give 2. */
  private static int significantDigits(String text) {
    String mantissa = text.split("[eE]")[0].replace("-", "").replace(".", "");
    String stripped = mantissa.replaceAll("^0+", "").replaceAll("0+$", "");
    return Math.max(1, stripped.length());
  }
}
