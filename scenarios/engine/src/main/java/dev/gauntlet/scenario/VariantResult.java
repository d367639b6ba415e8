package dev.gauntlet.scenario;

import java.util.List;
import java.util.Map;

/**
 * A variant's sweep.
 *
 * @param name the variant's name
 * @param kind its kind
 * @param category where the kind acts
 * @param params its parameters as given
 * @param places one per severity, in increasing order
 * @param synthetic for a synthetic-data variant, its rows against the training rows; else null
 */
public record VariantResult(
    String name,
    String kind,
    VariantKind.Category category,
    Map<String, String> params,
    List<PlaceResult> places,
    SyntheticFigures synthetic) {
  public VariantResult {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    places = List.copyOf(places);
  }

  /** A sweep without synthetic rows. */
  public VariantResult(
      String name,
      String kind,
      VariantKind.Category category,
      Map<String, String> params,
      List<PlaceResult> places) {
    this(name, kind, category, params, places, null);
  }

  /** The severities, increasing. */
  public List<Double> severities() {
    return places.stream().map(PlaceResult::severity).toList();
  }
}
