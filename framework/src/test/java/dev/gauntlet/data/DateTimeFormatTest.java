package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimeFormatTest {
  private static final double TEN_O_CLOCK = Instant.parse("2024-01-31T10:00:00Z").getEpochSecond();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "YYYY-MM-DD",
        "YYYY-MM-DDThh:mm",
        "YYYY-MM-DD hh:mm:ss",
        "YYYY-MM-DDThh:mm:ss.fffZ",
        "YYYY-MM-DDThh:mm:ss.ffffff-05:30"
      })
  void aPatternReadsBackAsTheSameFormat(String pattern) {
    assertThat(DateTimeFormat.ofPattern(pattern).pattern()).isEqualTo(pattern);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "YYYY", "DD-MM-YYYY", "YYYY-MM-DDXhh:mm", "YYYY-MM-DDThh:mm+25:00"})
  void otherTextIsNotAPattern(String pattern) {
    assertThatThrownBy(() -> DateTimeFormat.ofPattern(pattern))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesAreWrittenInTheFormatsOffsetAndRoundedToItsPrecision() {
    double value = TEN_O_CLOCK + 0.2504; // a generated value between whole seconds

    assertThat(DateTimeFormat.ofPattern("YYYY-MM-DDThh:mm:ss").format(value))
        .isEqualTo("2024-01-31T10:00:00");
    assertThat(DateTimeFormat.ofPattern("YYYY-MM-DDThh:mm:ss.fff+02:00").format(value))
        .isEqualTo("2024-01-31T12:00:00.250+02:00");
    assertThat(DateTimeFormat.ofPattern("YYYY-MM-DD hh:mm").format(value + 3600 * 14))
        .isEqualTo("2024-02-01 00:00");
    // a date-only column rounds to the nearest day
    assertThat(DateTimeFormat.DATE.format(TEN_O_CLOCK + 3600 * 3)).isEqualTo("2024-02-01");
    assertThat(DateTimeFormat.DATE.format(Double.NaN)).isEmpty();
  }
}
