package dev.gauntlet.scenario.yaml.internal;

/**
 * Bounds on what a scenario file may ask of the reader, so that a hostile or broken file fails with
 * a message instead of exhausting memory or stack: its size, how deep values nest, how many aliases
 * it uses and how many values it holds once aliases are expanded (a "billion laughs" file is small
 * until its aliases are expanded).
 *
 * @param maxBytes largest file read
 * @param maxDepth deepest nesting of mappings and lists (the document's mapping is depth 1)
 * @param maxAliases most aliases ({@code *name}) in one file
 * @param maxValues most values (scalars, mappings, lists) in the document after aliases expand
 */
public record YamlLimits(long maxBytes, int maxDepth, int maxAliases, int maxValues) {
  /**
   * Far above any scenario written by hand (an inline world spec is a few KiB and 6 levels deep)
   * and far below what would hurt: 1 MiB, 32 levels, 100 aliases, 100,000 values.
   */
  public static final YamlLimits DEFAULT = new YamlLimits(1 << 20, 32, 100, 100_000);

  public YamlLimits {
    if (maxBytes < 1 || maxDepth < 1 || maxAliases < 0 || maxValues < 1) {
      throw new IllegalArgumentException(
          "limits must be positive: " + maxBytes + ", " + maxDepth + ", " + maxAliases);
    }
  }
}
