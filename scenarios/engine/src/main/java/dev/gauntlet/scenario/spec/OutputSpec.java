package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gauntlet.FieldException;
import java.util.List;

/**
 * Where the run writes report.json, junit.xml and manifest.json. {@code gauntlet run --out}
 * overrides the folder.
 *
 * <pre>
 * output: reports/credit          # short form: the folder
 * output: {dir: reports/credit}
 * output: {dir: reports/credit, datasets: true}
 * </pre>
 *
 * @param dir the folder, relative to the working directory; default {@code gauntlet-out/NAME} for a
 *     scenario named NAME (its file name without extension)
 * @param datasets write the datasets the run makes (the split, each variant's perturbed, poisoned
 *     or synthetic rows) as CSV under {@code datasets/} in the folder, listed in manifest.json with
 *     their SHA-256 (see {@link dev.gauntlet.scenario.GeneratedDatasets}); default false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputSpec(String dir, Boolean datasets) {
  public OutputSpec {
    Checks.nonBlank(dir, "dir");
  }

  public static OutputSpec defaults() {
    return new OutputSpec(null, null);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static OutputSpec of(String dir) {
    if (dir == null) {
      throw new FieldException(List.of(), "null", "a folder", null);
    }
    return new OutputSpec(dir, null);
  }

  public boolean datasetsOrDefault() {
    return datasets != null && datasets;
  }
}
