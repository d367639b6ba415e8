package dev.gauntlet.expectations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ExpectationParserTest {
  static final Map<String, List<Double>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("covariate-shift", List.of(0.0, 0.25, 0.5, 0.75, 1.0));
    VARIANTS.put("pgd", List.of(0.0, 0.1, 0.3));
    VARIANTS.put("copula-data", List.of(0.0, 0.5, 1.0));
    VARIANTS.put("thirds", List.of(0.0, 1 / 3.0, 2 / 3.0, 1.0));
  }

  static final ExpectationParser PARSER = ExpectationParser.forVariants(VARIANTS);

  static Expectation parse(String text) {
    return PARSER.parse(text);
  }

  static ExpectationError error(String text) {
    return catchThrowableOfType(() -> PARSER.parse(text), ExpectationSyntaxException.class).error();
  }

  @Test
  void aBoundOnTheCleanRows() {
    Expectation e = parse("accuracy >= 0.85");
    assertThat(e.metricId()).isEqualTo("accuracy");
    assertThat(e.worstSlice()).isFalse();
    assertThat(e.measure()).isEqualTo(Measure.VALUE);
    assertThat(e.comparison()).isEqualTo(Comparison.AT_LEAST);
    assertThat(e.bound()).isEqualTo(0.85);
    assertThat(e.target()).isEqualTo(new Target.Clean());
    assertThat(e.text()).isEqualTo("accuracy >= 0.85");
  }

  @Test
  void spacesAroundTheOperatorAreOptionalAndTheTextIsTrimmed() {
    Expectation e = parse("  ece<0.05 ");
    assertThat(e.comparison()).isEqualTo(Comparison.BELOW);
    assertThat(e.bound()).isEqualTo(0.05);
    assertThat(e.text()).isEqualTo("ece<0.05");
    assertThat(parse("log_loss>0.1").comparison()).isEqualTo(Comparison.ABOVE);
    assertThat(parse("mae <= 2.5e3").bound()).isEqualTo(2500);
    assertThat(parse("r2 >= -0.5").bound()).isEqualTo(-0.5);
  }

  @Test
  void aBoundUnderOneSeverityOfAVariant() {
    Expectation e = parse("accuracy >= 0.7 under covariate-shift at 0.5");
    assertThat(e.target()).isEqualTo(new Target.Variant("covariate-shift", OptionalDouble.of(0.5)));
    Expectation asr = parse("attack_success_rate <= 0.2 under pgd at 0.3");
    assertThat(asr.metricId()).isEqualTo("attack_success_rate");
    assertThat(asr.target()).isEqualTo(Target.variant("pgd", 0.3));
  }

  @Test
  void aDropUnderEverySeverityOfAVariant() {
    Expectation e = parse("accuracy drop <= 0.05 under covariate-shift");
    assertThat(e.measure()).isEqualTo(Measure.DROP);
    assertThat(e.comparison()).isEqualTo(Comparison.AT_MOST);
    assertThat(e.target()).isEqualTo(Target.variant("covariate-shift"));
  }

  @Test
  void aDropUnderEveryVariant() {
    Expectation e = parse("accuracy drop <= 0.1 under every variant");
    assertThat(e.target()).isEqualTo(Target.everyVariant());
    Expectation at = parse("accuracy drop <= 0.1 under every variant at 0");
    assertThat(at.target()).isEqualTo(new Target.EveryVariant(OptionalDouble.of(0)));
  }

  @Test
  void theWorstSlice() {
    Expectation e = parse("worst_slice accuracy >= 0.7");
    assertThat(e.worstSlice()).isTrue();
    assertThat(e.metricId()).isEqualTo("accuracy");
    assertThat(parse("worst_slice accuracy >= 0.6 under pgd at 0.1").target())
        .isEqualTo(Target.variant("pgd", 0.1));
  }

  @Test
  void syntheticDataAndAnEarlierRun() {
    assertThat(parse("quality_score >= 0.85 under copula-data").target())
        .isEqualTo(Target.variant("copula-data"));
    Expectation e = parse("accuracy drop vs baseline <= 0.01");
    assertThat(e.measure()).isEqualTo(Measure.DROP_VS_BASELINE);
    assertThat(e.target()).isEqualTo(new Target.Clean());
    assertThat(parse("log_loss drop vs baseline <= 0.02 under pgd").target())
        .isEqualTo(Target.variant("pgd"));
  }

  @Test
  void atNamesASeverityOfASweepByItsRoundedValue() {
    // 1/3 of a `sweep: 3`, written with two or more decimals
    assertThat(parse("accuracy >= 0.5 under thirds at 0.33").target())
        .isEqualTo(Target.variant("thirds", 1 / 3.0));
    assertThat(parse("accuracy >= 0.5 under thirds at 0.667").target())
        .isEqualTo(Target.variant("thirds", 2 / 3.0));
    assertThat(error("accuracy >= 0.5 under thirds at 0.3").column()).isEqualTo(33);
  }

  @Test
  void anEmptyExpectation() {
    assertThat(error("   "))
        .isEqualTo(
            new ExpectationError(
                1,
                "an empty expectation",
                "METRIC OP NUMBER, e.g. accuracy >= 0.85",
                "write the metric, a comparison and a number"));
  }

  @Test
  void anUnknownMetricWithADidYouMean() {
    assertThat(error("acuracy >= 0.8"))
        .isEqualTo(
            new ExpectationError(
                1,
                "unknown metric \"acuracy\"",
                "a metric id; did you mean accuracy?",
                "write accuracy; `gauntlet metrics` lists every metric id"));
    assertThat(error("worst_slice f1-macro >= 0.5"))
        .isEqualTo(
            new ExpectationError(
                13,
                "unknown metric \"f1-macro\"",
                "a metric id; did you mean f1_macro?",
                "write f1_macro; `gauntlet metrics` lists every metric id"));
    assertThat(error("worst-slice accuracy >= 0.5").expected())
        .isEqualTo("a metric id; did you mean worst_slice?");
    assertThat(error("happiness >= 0.5"))
        .isEqualTo(
            new ExpectationError(
                1,
                "unknown metric \"happiness\"",
                "a metric id, e.g. accuracy, f1_macro, log_loss",
                "`gauntlet metrics` lists every metric id"));
    assertThat(error(">= 0.5").found()).isEqualTo("\">=\"");
  }

  @Test
  void aWrongOperator() {
    assertThat(error("accuracy => 0.8"))
        .isEqualTo(new ExpectationError(10, "\"=>\"", "one of >=, >, <=, <", "write >="));
    assertThat(error("accuracy == 0.8").fix())
        .isEqualTo("a bound is one-sided: write >= or <= (or > or <)");
    assertThat(error("accuracy about 0.8"))
        .isEqualTo(
            new ExpectationError(
                10,
                "\"about\"",
                "a comparison (>=, >, <=, <) or `drop`",
                "write the comparison after the metric, e.g. accuracy >= 0.85"));
    assertThat(error("accuracy dorp <= 0.1 under pgd").expected())
        .isEqualTo("a comparison (>=, >, <=, <) or `drop`; did you mean drop?");
    assertThat(error("accuracy"))
        .isEqualTo(
            new ExpectationError(
                9,
                "the end of the expectation",
                "a comparison (>=, >, <=, <) or `drop`",
                "write the comparison after the metric, e.g. accuracy >= 0.85"));
  }

  @Test
  void numbersArePlainDecimals() {
    for (String bad : List.of("0x1p-1", "0.8f", "NaN", "Infinity", "1/2", "0,8")) {
      ExpectationError e = error("accuracy >= " + bad);
      assertThat(e.column()).as(bad).isEqualTo(13);
      assertThat(e.found()).as(bad).isEqualTo("\"" + bad + "\"");
      assertThat(e.expected()).as(bad).isEqualTo("a number after >=, e.g. 0.85");
      assertThat(e.fix())
          .as(bad)
          .isEqualTo(
              "write a plain decimal number: digits, an optional point and exponent (2.5e-3)");
    }
    assertThat(error("accuracy >= 85%").fix())
        .isEqualTo("write a share as a fraction: 0.85, not 85%");
    assertThat(error("mae <= 1e999"))
        .isEqualTo(
            new ExpectationError(
                8,
                "\"1e999\"",
                "a number after <= within the range of 64-bit floating point",
                "write a smaller number"));
    assertThat(error("accuracy >=").found()).isEqualTo("the end of the expectation");
    assertThat(error("accuracy >=").column()).isEqualTo(12);
  }

  @Test
  void aBoundOutsideTheMetricsRange() {
    assertThat(error("accuracy >= 85"))
        .isEqualTo(
            new ExpectationError(
                13,
                "\"85\"",
                "a bound within accuracy's range [0, 1]",
                "a bound outside the range is met always or never; use one within [0, 1]"));
    assertThat(error("log_loss <= -1").expected())
        .isEqualTo("a bound within log_loss's range [0, inf)");
    assertThat(error("accuracy drop <= 1.5 under pgd").expected())
        .isEqualTo("a drop within [-1, 1] (accuracy's range is [0, 1])");
    assertThat(parse("mae drop <= 1000 under pgd").bound()).isEqualTo(1000);
  }

  @Test
  void anUnknownVariantWithADidYouMean() {
    assertThat(error("accuracy >= 0.7 under covariate_shift at 0.5"))
        .isEqualTo(
            new ExpectationError(
                23,
                "unknown variant \"covariate_shift\"",
                "one of [covariate-shift, pgd, copula-data, thirds]; did you mean covariate-shift?",
                "write covariate-shift, or define \"covariate_shift\" under variants"));
    assertThat(error("accuracy >= 0.7 under fgsm").expected())
        .isEqualTo("one of [covariate-shift, pgd, copula-data, thirds]");
    assertThat(
            catchThrowableOfType(
                    () ->
                        ExpectationParser.forVariants(Map.of()).parse("accuracy >= 0.7 under pgd"),
                    ExpectationSyntaxException.class)
                .error()
                .expected())
        .isEqualTo("a variant, but the scenario has none");
  }

  @Test
  void atMustBeOneOfTheVariantsSeverities() {
    assertThat(error("attack_success_rate <= 0.2 under pgd at 0.2"))
        .isEqualTo(
            new ExpectationError(
                41,
                "\"0.2\", not a severity of \"pgd\"",
                "one of \"pgd\"'s severities [0, 0.1, 0.3]",
                "use one of its severities, or add 0.2 to them"));
    assertThat(error("accuracy drop <= 0.1 under every variant at 0.5"))
        .isEqualTo(
            new ExpectationError(
                45,
                "\"0.5\", not a severity of \"pgd\"",
                "one of \"pgd\"'s severities [0, 0.1, 0.3]",
                "use a severity every variant has, or add 0.5 to \"pgd\"'s severities"));
  }

  @Test
  void misplacedOrMissingWords() {
    assertThat(error("accuracy drop <= 0.05"))
        .isEqualTo(
            new ExpectationError(
                10,
                "`drop` without a variant",
                "`under VARIANT` or `under every variant` after the bound, or `drop vs baseline`",
                "say what the drop is measured under, e.g. accuracy drop <= 0.05 under"
                    + " covariate-shift"));
    assertThat(error("accuracy >= 0.7 at 0.5"))
        .isEqualTo(
            new ExpectationError(
                17,
                "`at` without a variant",
                "`under VARIANT` before `at`",
                "write under VARIANT at SEVERITY, e.g. under covariate-shift at 0.5"));
    assertThat(error("accuracy >= 0.7 undr pgd"))
        .isEqualTo(
            new ExpectationError(
                17,
                "\"undr\"",
                "`under VARIANT` or the end of the expectation; did you mean under?",
                "end the expectation after the number, or name a variant with `under`"));
    assertThat(error("accuracy >= 0.7 under pgd at 0.1 extra"))
        .isEqualTo(
            new ExpectationError(
                34,
                "\"extra\"",
                "the end of the expectation",
                "end the expectation after the variant, or give one severity with `at`"));
    assertThat(error("accuracy >= 0.7 under pgd ta 0.1").expected())
        .isEqualTo("`at SEVERITY` or the end of the expectation; did you mean at?");
    assertThat(error("accuracy >= 0.7 under").expected())
        .isEqualTo("a variant's name or `every variant` after `under`");
    assertThat(error("accuracy >= 0.7 under every").found())
        .isEqualTo("the end of the expectation");
    assertThat(error("accuracy vs baseline >= 0.7").fix())
        .isEqualTo("write `drop vs baseline`, e.g. accuracy drop vs baseline <= 0.01");
    assertThat(error("accuracy drop vs basline <= 0.01"))
        .isEqualTo(
            new ExpectationError(
                18,
                "\"basline\"",
                "`baseline` after `vs`; did you mean baseline?",
                "write `drop vs baseline` to compare with an earlier run's report"));
  }

  @Test
  void theUserErrorCarriesTheCallersPlaceAndTheColumn() {
    ExpectationSyntaxException e =
        catchThrowableOfType(
            () -> PARSER.parse("accuracy >= 0.7 under covariate_shift"),
            ExpectationSyntaxException.class);
    String nl = System.lineSeparator();
    assertThat(e.toUserInput("credit.yaml:31:7 (expectations[2])").getMessage())
        .isEqualTo(
            "credit.yaml:31:7 (expectations[2]) col 23"
                + nl
                + "  found:    unknown variant \"covariate_shift\""
                + nl
                + "  expected: one of [covariate-shift, pgd, copula-data, thirds]; did you mean"
                + " covariate-shift?"
                + nl
                + "  fix:      write covariate-shift, or define \"covariate_shift\" under variants");
    assertThat(e.toUserInput().where())
        .isEqualTo("expectation \"accuracy >= 0.7 under covariate_shift\" col 23");
  }

  @Test
  void withoutVariantsAnyNameAndSeverityWithinZeroToOneIsAccepted() {
    ExpectationParser p = ExpectationParser.withoutVariants();
    assertThat(p.parse("accuracy >= 0.7 under anything at 0.4").target())
        .isEqualTo(Target.variant("anything", 0.4));
    ExpectationError e =
        catchThrowableOfType(
                () -> p.parse("accuracy >= 0.7 under anything at 2"),
                ExpectationSyntaxException.class)
            .error();
    assertThat(e)
        .isEqualTo(
            new ExpectationError(
                35, "\"2\"", "a severity within [0, 1]", "use a severity from 0 to 1"));
  }
}
