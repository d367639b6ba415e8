package dev.gauntlet.junit.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A scenario file found for a test: on the test class path first, then relative to the module's
 * folder (the test run's working directory).
 *
 * @param loaded the scenario, read and checked
 * @param fileName the file's name, for the manifest
 * @param sha256 the SHA-256 of the file's bytes
 */
record ScenarioSource(LoadedScenario loaded, String fileName, String sha256) {

  static ScenarioSource find(String name, String where, ClassLoader loader) {
    String resource = name.startsWith("/") ? name.substring(1) : name;
    URL url = loader.getResource(resource);
    Path file = Path.of(name);
    byte[] bytes;
    Path folder;
    if (url != null) {
      bytes = read(url);
      folder = folderOf(url);
    } else if (Files.isRegularFile(file)) {
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      folder = file.getParent() == null ? Path.of("") : file.getParent();
    } else {
      throw new UserInputException(
          where,
          "no scenario file " + UserInputException.quote(name),
          "the class-path resource "
              + resource
              + " (looked up on the test class path) or the file "
              + file.toAbsolutePath().normalize()
              + " (relative to the module's folder)",
          "put the file under src/test/resources, or correct the path");
    }
    String fileName = file.getFileName() == null ? name : file.getFileName().toString();
    LoadedScenario loaded = ScenarioFiles.read(name, bytes, folder);
    return new ScenarioSource(loaded, fileName, sha256(bytes));
  }

  private static byte[] read(URL url) {
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder of a resource on disk; a resource in a jar resolves paths in the working folder. */
  private static Path folderOf(URL url) {
    if (!"file".equals(url.getProtocol())) {
      return Path.of("");
    }
    try {
      Path parent = Path.of(url.toURI()).getParent();
      return parent == null ? Path.of("") : parent;
    } catch (URISyntaxException e) {
      return Path.of("");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
