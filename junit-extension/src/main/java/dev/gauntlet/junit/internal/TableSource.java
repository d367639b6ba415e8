package dev.gauntlet.junit.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.junit.SyntheticTable;
import dev.gauntlet.junit.WorldTable;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.ScenarioRows;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.SyntheticSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The rows a {@link SyntheticTable} or {@link WorldTable} parameter asks for, as the scenario data
 * section it stands for: its file found on the test class path, else in the module's folder.
 *
 * @param data the data section, its file named relative to {@code folder}
 * @param folder the folder the file is in
 * @param where the parameter, for messages
 */
record TableSource(DataSpec data, Path folder, String where) {

  /** The source annotation on a parameter, if it has one. */
  static Optional<Annotation> annotationOf(Parameter parameter) {
    SyntheticTable s = parameter.getAnnotation(SyntheticTable.class);
    if (s != null) {
      return Optional.of(s);
    }
    return Optional.ofNullable(parameter.getAnnotation(WorldTable.class));
  }

  static TableSource of(Annotation annotation, String where, ClassLoader loader) {
    try {
      if (annotation instanceof SyntheticTable s) {
        Found csv = find(s.fit(), where, loader, "fit", "a CSV file");
        SyntheticSpec synthetic = SyntheticSpec.fitted(s.generator(), csv.name);
        for (String[] p : Params.pairs(s.params(), where + " (params)")) {
          synthetic = synthetic.withParam(p[0], p[1]);
        }
        DataSpec data =
            DataSpec.synthetic(synthetic, s.label().isEmpty() ? null : s.label(), s.rows());
        return new TableSource(s.id().length == 0 ? data : data.withId(s.id()), csv.folder, where);
      }
      WorldTable w = (WorldTable) annotation;
      Found world = find(w.value(), where, loader, "value", "a world spec file");
      DataSpec data = DataSpec.worldFile(world.name, w.rows());
      return new TableSource(w.id().length == 0 ? data : data.withId(w.id()), world.folder, where);
    } catch (dev.gauntlet.FieldException e) {
      throw new UserInputException(
          where + " (" + e.pathText() + ")",
          e.found(),
          e.expected(),
          e.fix() == null ? "correct the annotation" : e.fix(),
          e);
    }
  }

  /** The rows for a root seed: those a scenario of this data section and seed runs on. */
  Table rows(long seed) {
    return ScenarioRows.of(data, folder, Seed.of(seed), where);
  }

  private record Found(String name, Path folder) {}

  private static Found find(
      String name, String where, ClassLoader loader, String key, String what) {
    String resource = name.startsWith("/") ? name.substring(1) : name;
    URL url = loader.getResource(resource);
    if (url != null) {
      if ("file".equals(url.getProtocol())) {
        try {
          Path file = Path.of(url.toURI());
          return new Found(file.getFileName().toString(), file.getParent());
        } catch (URISyntaxException e) {
          throw new IllegalStateException("a file URL that is no URI: " + url, e);
        }
      }
      return new Found(Path.of(resource).getFileName().toString(), copied(url, resource));
    }
    Path file = Path.of(name);
    if (Files.isRegularFile(file)) {
      Path parent = file.toAbsolutePath().getParent();
      return new Found(file.getFileName().toString(), parent);
    }
    throw new UserInputException(
        where + " (" + key + ")",
        "no file " + UserInputException.quote(name),
        what
            + ": the class-path resource "
            + resource
            + " (looked up on the test class path) or the file "
            + file.toAbsolutePath().normalize()
            + " (relative to the module's folder)",
        "put the file under src/test/resources, or correct the path");
  }

  /** A resource inside a jar, copied to a temporary folder so that it can be read as a file. */
  private static Path copied(URL url, String resource) {
    try (InputStream in = url.openStream()) {
      Path folder = Files.createTempDirectory("gauntlet-table");
      Path file = folder.resolve(Path.of(resource).getFileName().toString());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().deleteOnExit();
      folder.toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
