package dev.gauntlet.spi;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Extensions of one kind, found through {@link ServiceLoader} and looked up by name. An unknown
 * name is a user error that lists the names that exist.
 *
 * @param <T> the provider type
 */
public final class Registry<T extends Named> {
  private final String kind;
  private final TreeMap<String, T> byName = new TreeMap<>();

  private Registry(String kind, Iterable<T> providers) {
    this.kind = kind;
    for (T p : providers) {
      T previous = byName.put(p.name(), p);
      if (previous != null && previous.getClass() != p.getClass()) {
        throw new IllegalStateException(
            "two "
                + kind
                + "s are named \""
                + p.name()
                + "\": "
                + previous.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
  }

  /** The providers of a kind visible to the context class loader. */
  public static <T extends Named> Registry<T> load(Class<T> type, String kind) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new Registry<>(kind, ServiceLoader.load(type, loader));
  }

  /** A registry of exactly these providers (for tests and embedding). */
  public static <T extends Named> Registry<T> of(String kind, List<T> providers) {
    return new Registry<>(kind, providers);
  }

  public static Registry<GeneratorProvider> generators() {
    return load(GeneratorProvider.class, "generator");
  }

  public static Registry<PerturbationProvider> perturbations() {
    return load(PerturbationProvider.class, "perturbation");
  }

  public static Registry<ModelProvider> models() {
    return load(ModelProvider.class, "model kind");
  }

  /** Registered names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public List<T> all() {
    return Collections.unmodifiableList(List.copyOf(byName.values()));
  }

  /** The provider of a name; an unknown name is a user error listing the known ones. */
  public T get(String name) {
    T p = byName.get(name);
    if (p == null) {
      throw new UserInputException(
          kind + " " + quote(name),
          "no " + kind + " of that name",
          byName.isEmpty()
              ? "a registered " + kind + " (none is on the class path)"
              : "one of " + names(),
          byName.isEmpty()
              ? "add a module that provides " + kind + "s to the class path"
              : "use one of the listed names");
    }
    return p;
  }
}
