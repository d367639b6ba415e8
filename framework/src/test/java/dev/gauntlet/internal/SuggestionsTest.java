package dev.gauntlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
    assertThat(Suggestions.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.editDistance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.editDistance("abc", "abc")).isZero();
    assertThat(Suggestions.editDistance("dorp", "drop")).isEqualTo(1);
    assertThat(Suggestions.editDistance("ca", "abc")).isEqualTo(3); // OSA, not Damerau: 3
  }

  @Test
  void theClosestNameWithinTheLimit() {
    List<String> names = List.of("covariate-shift", "pgd", "label-flip");
    assertThat(Suggestions.closest("covariate_shift", names)).hasValue("covariate-shift");
    assertThat(Suggestions.closest("PGD", names)).hasValue("pgd");
    assertThat(Suggestions.closest("pdg", names)).hasValue("pgd");
    // too far for a typo: 3 edits on 3 letters
    assertThat(Suggestions.closest("xyz", names)).isEmpty();
    assertThat(Suggestions.closest("pgd", names)).isEmpty();
    assertThat(Suggestions.closest("", names)).isEmpty();
    assertThat(Suggestions.closest("labelflips", names)).hasValue("label-flip");
  }
}
