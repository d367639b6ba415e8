package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The class loader of {@code --classpath}: a team's jars and class folders over Gauntlet's. */
final class TeamClasspath {
  private TeamClasspath() {}

  static URLClassLoader loader(List<Path> entries, ClassLoader parent) {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      Path p = entries.get(i);
      boolean jar = Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
      if (!jar && !Files.isDirectory(p)) {
        throw new UserInputException(
            "--classpath " + p,
            Files.exists(p) ? "a file that is not a .jar" : "no such file or folder",
            "a .jar file or a folder of .class files",
            "check the path (entries are separated by ':')");
      }
      try {
        urls[i] = p.toAbsolutePath().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException("a path that is no URL: " + p, e);
      }
    }
    return new URLClassLoader("gauntlet-team-classpath", urls, parent);
  }
}
