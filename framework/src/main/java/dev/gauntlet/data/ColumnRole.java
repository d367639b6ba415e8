package dev.gauntlet.data;

import java.util.Locale;

/** What a column is for. Models read features and learn the label; ids and weights are neither. */
public enum ColumnRole {
  FEATURE,
  LABEL,
  ID,
  WEIGHT;

  /** The lower-case name used in files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
