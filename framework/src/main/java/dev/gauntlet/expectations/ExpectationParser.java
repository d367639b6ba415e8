package dev.gauntlet.expectations;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.internal.Suggestions;
import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.metrics.MetricDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads expectations:
 *
 * <pre>
 * expectation := ["worst_slice"] METRIC ["drop" ["vs" "baseline"]] OP NUMBER
 *                ["under" (VARIANT | "every" "variant") ["at" NUMBER]]
 * OP          := "&gt;=" | "&gt;" | "&lt;=" | "&lt;"
 * NUMBER      := plain decimal, optionally with an exponent: 0.85, -1, 2.5e-3
 * </pre>
 *
 * METRIC is an id of the {@link MetricCatalog}; VARIANT a variant's name, and the number after
 * {@code at} one of its severities. A {@code drop} without {@code vs baseline} needs {@code under}.
 * Words are separated by spaces; the operator needs none ({@code accuracy>=0.8}). Every mistake is
 * an {@link ExpectationSyntaxException} whose {@link ExpectationError} gives the 1-based column
 * inside the text, what was found, what was expected (with a did-you-mean for metric, variant and
 * keyword typos), and a fix.
 */
public final class ExpectationParser {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final String OPERATOR_CHARS = "<>=!";
  private static final String END = "the end of the expectation";

  /** Severities by variant name, in the scenario's order; null when variants are not checked. */
  private final Map<String, List<Double>> variants;

  private ExpectationParser(Map<String, List<Double>> variants) {
    this.variants = variants;
  }

  /**
   * A parser that checks each {@code under} against these variants and each {@code at} against the
   * variant's severities.
   *
   * @param severitiesByVariant each variant's severities, in the scenario's order of variants
   */
  public static ExpectationParser forVariants(
      Map<String, ? extends List<Double>> severitiesByVariant) {
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    severitiesByVariant.forEach(
        (name, s) -> copy.put(Objects.requireNonNull(name), List.copyOf(s)));
    return new ExpectationParser(copy);
  }

  /**
   * A parser that accepts any variant name and any severity in [0, 1] after {@code at}; evaluation
   * checks them against the run. For Java callers that parse before a scenario exists.
   */
  public static ExpectationParser withoutVariants() {
    return new ExpectationParser(null);
  }

  /**
   * Parses one expectation.
   *
   * @throws ExpectationSyntaxException with the column, what was found and expected, and a fix
   */
  public Expectation parse(String text) {
    String t = text == null ? "" : text;
    return new Run(t).parse();
  }

  private enum Kind {
    WORD,
    OPERATOR,
    END
  }

  private record Token(Kind kind, String text, int column) {
    boolean is(String word) {
      return kind == Kind.WORD && text.equals(word);
    }

    String shown() {
      return kind == Kind.END ? END : quote(text);
    }
  }

  /** One parse: the text, its tokens and a cursor. */
  private final class Run {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int next;

    Run(String text) {
      this.text = text;
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
          continue;
        }
        int start = i;
        boolean operator = OPERATOR_CHARS.indexOf(c) >= 0;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && (OPERATOR_CHARS.indexOf(text.charAt(i)) >= 0) == operator) {
          i++;
        }
        tokens.add(
            new Token(operator ? Kind.OPERATOR : Kind.WORD, text.substring(start, i), start + 1));
      }
      tokens.add(new Token(Kind.END, "", text.stripTrailing().length() + 1));
    }

    private Token take() {
      Token t = tokens.get(next);
      if (t.kind != Kind.END) {
        next++;
      }
      return t;
    }

    private Token peek() {
      return tokens.get(next);
    }

    Expectation parse() {
      Token first = take();
      if (first.kind == Kind.END) {
        throw error(
            1,
            "an empty expectation",
            "METRIC OP NUMBER, e.g. accuracy >= 0.85",
            "write the metric, a comparison and a number");
      }
      boolean worstSlice = first.is("worst_slice");
      MetricDefinition metric = metric(worstSlice ? take() : first, !worstSlice);

      Measure measure = Measure.VALUE;
      Token dropToken = null;
      if (peek().is("drop")) {
        dropToken = take();
        measure = Measure.DROP;
        if (peek().is("vs")) {
          take();
          Token baseline = take();
          if (!baseline.is("baseline")) {
            throw error(
                baseline.column,
                baseline.shown(),
                "`baseline` after `vs`" + didYouMean(baseline, List.of("baseline")),
                "write `drop vs baseline` to compare with an earlier run's report");
          }
          measure = Measure.DROP_VS_BASELINE;
        }
      }

      Token op = take();
      Comparison comparison = comparison(op, measure);
      Token boundToken = take();
      double bound = number(boundToken, "a number after " + op.text);
      checkBound(metric, measure, bound, boundToken);

      Target target = new Target.Clean();
      Token t = take();
      if (t.is("under")) {
        target = target(t);
        t = take();
      } else if (t.is("at")) {
        throw error(
            t.column,
            "`at` without a variant",
            "`under VARIANT` before `at`",
            "write under VARIANT at SEVERITY, e.g. under covariate-shift at 0.5");
      }
      if (t.kind != Kind.END) {
        boolean afterTarget = !(target instanceof Target.Clean);
        String expected =
            afterTarget
                ? (hasAt(target) ? END : "`at SEVERITY` or " + END)
                : "`under VARIANT` or " + END;
        List<String> keywords = afterTarget ? List.of("at") : List.of("under");
        throw error(
            t.column,
            t.shown(),
            expected + didYouMean(t, keywords),
            afterTarget
                ? "end the expectation after the variant, or give one severity with `at`"
                : "end the expectation after the number, or name a variant with `under`");
      }
      if (measure == Measure.DROP && target instanceof Target.Clean) {
        throw error(
            dropToken.column,
            "`drop` without a variant",
            "`under VARIANT` or `under every variant` after the bound, or `drop vs baseline`",
            "say what the drop is measured under, e.g. "
                + metric.id()
                + " drop <= 0.05 under covariate-shift");
      }
      return new Expectation(text.strip(), worstSlice, metric, measure, comparison, bound, target);
    }

    private MetricDefinition metric(Token t, boolean orWorstSlice) {
      if (t.kind != Kind.WORD) {
        throw error(
            t.column,
            t.shown(),
            "a metric id before the comparison, e.g. accuracy",
            "start the expectation with the metric, e.g. accuracy >= 0.85");
      }
      Optional<MetricDefinition> d = MetricCatalog.find(t.text);
      if (d.isPresent()) {
        return d.get();
      }
      List<String> candidates = new ArrayList<>(MetricCatalog.ids());
      if (orWorstSlice) {
        candidates.add("worst_slice");
      }
      Optional<String> suggestion = Suggestions.closest(t.text, candidates);
      throw error(
          t.column,
          "unknown metric " + quote(t.text),
          suggestion
              .map(s -> "a metric id; did you mean " + s + "?")
              .orElse("a metric id, e.g. accuracy, f1_macro, log_loss"),
          suggestion.map(s -> "write " + s + "; ").orElse("")
              + "`gauntlet metrics` lists every metric id");
    }

    private Comparison comparison(Token op, Measure measure) {
      if (op.kind == Kind.OPERATOR) {
        Optional<Comparison> c = Comparison.of(op.text);
        if (c.isPresent()) {
          return c.get();
        }
        String fix =
            switch (op.text) {
              case "=>" -> "write >=";
              case "=<" -> "write <=";
              case "=", "==", "!=" -> "a bound is one-sided: write >= or <= (or > or <)";
              default -> "write one of >=, >, <=, <";
            };
        throw error(op.column, op.shown(), "one of >=, >, <=, <", fix);
      }
      String expected = "a comparison (>=, >, <=, <)";
      List<String> keywords = new ArrayList<>();
      if (measure == Measure.VALUE) {
        expected += " or `drop`";
        keywords.add("drop");
      } else if (measure == Measure.DROP) {
        expected += " or `vs baseline`";
        keywords.add("vs");
      }
      if (op.is("vs") && measure == Measure.VALUE) {
        throw error(
            op.column,
            op.shown(),
            expected,
            "write `drop vs baseline`, e.g. accuracy drop vs baseline <= 0.01");
      }
      throw error(
          op.column,
          op.shown(),
          expected + didYouMean(op, keywords),
          "write the comparison after the metric, e.g. accuracy >= 0.85");
    }

    private double number(Token t, String expected) {
      if (t.kind != Kind.WORD || !NUMBER.matcher(t.text).matches()) {
        String fix =
            t.kind == Kind.WORD && t.text.endsWith("%")
                ? "write a share as a fraction: 0.85, not 85%"
                : "write a plain decimal number: digits, an optional point and exponent (2.5e-3)";
        throw error(t.column, t.shown(), expected + ", e.g. 0.85", fix);
      }
      double v = Double.parseDouble(t.text);
      if (!Double.isFinite(v)) {
        throw error(
            t.column,
            t.shown(),
            expected + " within the range of 64-bit floating point",
            "write a smaller number");
      }
      return v;
    }

    private void checkBound(MetricDefinition m, Measure measure, double bound, Token t) {
      if (measure == Measure.VALUE && !m.contains(bound)) {
        throw error(
            t.column,
            t.shown(),
            "a bound within " + m.id() + "'s range " + m.rangeText(),
            "a bound outside the range is met always or never; use one within " + m.rangeText());
      }
      double width = m.max() - m.min();
      if (measure != Measure.VALUE && Double.isFinite(width) && Math.abs(bound) > width) {
        throw error(
            t.column,
            t.shown(),
            "a drop within [-"
                + plain(width)
                + ", "
                + plain(width)
                + "] ("
                + m.id()
                + "'s range is "
                + m.rangeText()
                + ")",
            "a drop is a difference of two " + m.id() + " values; use one within that range");
      }
    }

    private Target target(Token under) {
      Token name = take();
      if (name.kind != Kind.WORD) {
        throw error(
            name.column,
            name.shown(),
            "a variant's name or `every variant` after `under`",
            "name the variant the expectation holds under, e.g. under covariate-shift");
      }
      if (name.is("every")) {
        Token variant = take();
        if (!variant.is("variant")) {
          throw error(
              variant.column,
              variant.shown(),
              "`variant` after `every`",
              "write `under every variant`");
        }
        if (variants != null && variants.isEmpty()) {
          throw error(
              name.column,
              "`every variant`, but the scenario has no variants",
              "at least one variant",
              "add variants to the scenario, or remove `under every variant`");
        }
        OptionalDouble at = at(null);
        return new Target.EveryVariant(at);
      }
      if (variants != null && !variants.containsKey(name.text)) {
        Optional<String> s = Suggestions.closest(name.text, variants.keySet());
        throw error(
            name.column,
            "unknown variant " + quote(name.text),
            variants.isEmpty()
                ? "a variant, but the scenario has none"
                : "one of "
                    + new ArrayList<>(variants.keySet())
                    + s.map(x -> "; did you mean " + x + "?").orElse(""),
            s.map(x -> "write " + x).orElse("name one of the scenario's variants")
                + ", or define "
                + quote(name.text)
                + " under variants");
      }
      return new Target.Variant(name.text, at(name.text));
    }

    /** An optional {@code at SEVERITY}; {@code variant} null for every variant. */
    private OptionalDouble at(String variant) {
      if (!peek().is("at")) {
        return OptionalDouble.empty();
      }
      take();
      Token t = take();
      double s = number(t, "a severity after `at`");
      if (variants == null) {
        if (!(s >= 0 && s <= 1)) {
          throw error(
              t.column, t.shown(), "a severity within [0, 1]", "use a severity from 0 to 1");
        }
        return OptionalDouble.of(s);
      }
      List<String> names = variant == null ? new ArrayList<>(variants.keySet()) : List.of(variant);
      double matched = s;
      for (String v : names) {
        OptionalDouble m = Expectations.matchSeverity(variants.get(v), s);
        if (m.isEmpty()) {
          throw error(
              t.column,
              t.shown() + ", not a severity of " + quote(v),
              "one of " + quote(v) + "'s severities " + severityList(variants.get(v)),
              variant == null
                  ? "use a severity every variant has, or add "
                      + t.text
                      + " to "
                      + quote(v)
                      + "'s severities"
                  : "use one of its severities, or add " + t.text + " to them");
        }
        matched = m.getAsDouble();
      }
      // with one variant, the variant's own value (0.33 for the 1/3 of sweep: 3)
      return OptionalDouble.of(variant == null ? s : matched);
    }

    private boolean hasAt(Target target) {
      return target instanceof Target.Variant v
          ? v.at().isPresent()
          : target instanceof Target.EveryVariant e && e.at().isPresent();
    }

    private String didYouMean(Token t, List<String> keywords) {
      if (t.kind != Kind.WORD) {
        return "";
      }
      return Suggestions.closest(t.text, keywords).map(s -> "; did you mean " + s + "?").orElse("");
    }

    private ExpectationSyntaxException error(
        int column, String found, String expected, String fix) {
      return new ExpectationSyntaxException(
          text, new ExpectationError(column, found, expected, fix));
    }
  }

  private static String severityList(List<Double> severities) {
    List<String> shown = new ArrayList<>();
    for (double s : severities) {
      shown.add(plain(s));
    }
    return shown.toString();
  }

  /** A number as a person writes it: {@code 0}, {@code 1}, {@code 0.25}, {@code -1}. */
  private static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
