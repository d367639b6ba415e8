package dev.gauntlet.spi;

import java.util.Objects;

/**
 * A parameter an extension accepts, for listings and validation.
 *
 * @param name the key, e.g. {@code rate}
 * @param defaultValue the default as text, or null when the parameter is required
 * @param description what it does, with its unit
 */
public record Parameter(String name, String defaultValue, String description) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }

  public boolean required() {
    return defaultValue == null;
  }
}
