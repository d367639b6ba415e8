package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gauntlet.FieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One variant: a named way of putting the model through something, at several severities. The kinds
 * are listed by {@code gauntlet run --list}; severity 0 changes nothing for every kind.
 *
 * <pre>
 * variants:
 *   - name: older-applicants
 *     kind: covariate-shift
 *     params: {columns: age, shift: 2}
 *     sweep: 4                  # severities 0, 0.25, 0.5, 0.75, 1
 *   - name: label-flip          # kind defaults to the name
 *     severities: [0, 0.5, 1]
 * </pre>
 *
 * @param name the variant's name, used by expectations ({@code under NAME}) and to derive its seed;
 *     letters, digits, {@code -} and {@code _}
 * @param kind the variant kind; default the name
 * @param params the kind's parameters, by name
 * @param severities the severities, each within [0, 1]; not with {@code sweep}
 * @param sweep n: the severities k/n for k = 0..n; default 4 when no severities are given
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VariantSpec(
    String name, String kind, Map<String, String> params, List<Double> severities, Integer sweep) {
  /** The sweep used when neither severities nor a sweep is given. */
  public static final int DEFAULT_SWEEP = 4;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  public VariantSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new FieldException(
          "name",
          name == null ? "nothing" : "\"" + name + "\"",
          "a name of letters, digits, - and _",
          "name the variant, e.g. name: older-applicants");
    }
    Checks.nonBlank(kind, "kind");
    params = Checks.map(params, "params");
    severities = severities == null ? null : Checks.list(severities, "severities");
    if (severities != null && sweep != null) {
      throw new FieldException(
          "sweep", sweep.toString(), "either severities or sweep", "remove one of them");
    }
    if (severities != null) {
      if (severities.isEmpty()) {
        throw new FieldException("severities", "[]", "at least one severity");
      }
      for (int i = 0; i < severities.size(); i++) {
        double s = severities.get(i);
        if (!(s >= 0 && s <= 1)) {
          throw new FieldException(
              List.of("severities", i), Double.toString(s), "within [0, 1]", null);
        }
        if (i > 0 && !(s > severities.get(i - 1))) {
          throw new FieldException(
              List.of("severities", i),
              Double.toString(s),
              "a severity above the one before (" + severities.get(i - 1) + ")",
              "list severities in increasing order, each once");
        }
      }
    }
    if (sweep != null && (sweep < 1 || sweep > 100)) {
      throw new FieldException("sweep", sweep.toString(), "a whole number within [1, 100]");
    }
  }

  /** A variant of a kind, with default parameters and severities. */
  public static VariantSpec of(String name, String kind) {
    return new VariantSpec(name, kind, null, null, null);
  }

  /** This variant under another name (expectations and reports use the name). */
  public VariantSpec withName(String newName) {
    return new VariantSpec(newName, kind, params, severities, sweep);
  }

  public VariantSpec withParam(String key, String value) {
    Map<String, String> all = new java.util.LinkedHashMap<>(params);
    all.put(key, value);
    return new VariantSpec(name, kind, all, severities, sweep);
  }

  public VariantSpec withSeverities(double... values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    return new VariantSpec(name, kind, params, list, null);
  }

  public VariantSpec withSweep(int n) {
    return new VariantSpec(name, kind, params, null, n);
  }

  /** The kind, the name unless given. */
  public String kindOrDefault() {
    return kind == null ? name : kind;
  }

  /** The severities to run, in increasing order: as listed, or k/n for a sweep of n. */
  public List<Double> severityList() {
    if (severities != null) {
      return severities;
    }
    int n = sweep == null ? DEFAULT_SWEEP : sweep;
    List<Double> out = new ArrayList<>();
    for (int k = 0; k <= n; k++) {
      out.add((double) k / n);
    }
    return List.copyOf(out);
  }
}
