package dev.gauntlet.internal;

import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A file written beside its target and moved into place when complete, so a failure leaves no
 * half-written file: {@link #open} creates an empty {@code .NAME.<random>.part} in the target's
 * folder, the caller writes it, {@link #commit} moves it over the target, and {@link #close}
 * without a commit deletes it. Errors name the target, never the temporary file. If the JVM stops
 * first (Ctrl-C, SIGTERM), a shutdown hook deletes every temporary file still open.
 */
public final class AtomicFile implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private boolean done;

  private AtomicFile(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /**
   * Creates the temporary file for {@code target}.
   *
   * @throws UserInputException when the target cannot be written (see {@link #checkTarget})
   */
  public static AtomicFile open(Path target) {
    checkTarget(target, null);
    try {
      return new AtomicFile(target, createPart(folder(target), target.getFileName().toString()));
    } catch (IOException e) {
      throw cannotWrite(target, e);
    }
  }

  /** Whether {@code temp} is a temporary file the shutdown hook would delete. */
  static boolean isPending(Path temp) {
    return Cleanup.PENDING.contains(temp);
  }

  /** The temporary file to write. */
  public Path temp() {
    return temp;
  }

  public Path target() {
    return target;
  }

  /** Moves the written temporary file over the target; the caller has closed its streams. */
  public void commit() {
    try {
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      Cleanup.PENDING.remove(temp);
    } catch (IOException e) {
      close();
      throw cannotWrite(target, e);
    }
  }

  /** Deletes the temporary file unless it was committed. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      Pending.delete(temp);
      Cleanup.PENDING.remove(temp);
    }
  }

  /**
   * Checks that {@code target} can be a file written by this class: a non-empty path that is not a
   * folder, in a folder that exists and is writable. Commands call it for every output before doing
   * any work, so a bad path costs nothing and leaves nothing behind.
   *
   * @param option the option that gave the path, for the message, or null
   * @throws UserInputException when it cannot
   */
  public static void checkTarget(Path target, String option) {
    String text = target.toString();
    String where = option == null ? text : option + " " + (text.isEmpty() ? "\"\"" : text);
    String expected = "the path of a file to write, in an existing folder";
    if (text.isEmpty()) {
      throw new UserInputException(
          where, "an empty path", expected, "give a file name, such as out.csv");
    }
    if (Files.isDirectory(target)) {
      throw new UserInputException(
          where,
          "a folder",
          expected,
          "add a file name to the folder's path, such as " + target.resolve("NAME"));
    }
    Path dir = folder(target);
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(
          where,
          Files.exists(dir) ? dir + ", which is a file, not a folder" : "no folder " + dir,
          expected,
          "create the folder first (mkdir -p " + dir + "), or write somewhere else");
    }
    if (!Files.isWritable(dir)) {
      throw new UserInputException(
          where,
          "the folder " + dir + " is not writable",
          expected,
          "check the folder's permissions, or write somewhere else");
    }
  }

  /** A failure to write {@code target}, as the user's error (a full disk, permissions). */
  public static UserInputException cannotWrite(Path target, IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "its folder does not exist";
    } else if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      reason = f.getReason(); // without the temporary file's name, unlike the message
    } else {
      reason = String.valueOf(e.getMessage());
    }
    return new UserInputException(
        target.toString(),
        "cannot write: " + reason,
        "a writable file in an existing folder, with room on its disk",
        "check the folder " + folder(target) + ", its permissions and free space",
        e);
  }

  private static Path folder(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    return dir != null ? dir : target.toAbsolutePath();
  }

  /**
   * Creates an empty {@code .name.<random>.part} file in {@code dir}. Not {@link
   * Files#createTempFile}: that makes the file owner-only (0600), and the move would give the
   * target that mode; {@link Files#createFile} gives the folder's usual permissions.
   */
  private static Path createPart(Path dir, String name) throws IOException {
    while (true) {
      Path part = dir.resolve("." + name + "." + UUID.randomUUID() + ".part");
      try {
        return Cleanup.PENDING.create(part);
      } catch (FileAlreadyExistsException e) {
        // someone else's; another name, then
      }
    }
  }

  /** Temporary files not yet moved into place or deleted. Thread-safe. */
  static final class Pending {
    private final Set<Path> files = ConcurrentHashMap.newKeySet();

    /** Creating a file (shared) against {@link #deleteAll} (exclusive): no file slips between. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private boolean deleted;

    /**
     * Creates {@code p}, registered from before it exists; refused once {@link #deleteAll} has run
     * (the JVM is shutting down and no hook would remove it).
     */
    Path create(Path p) throws IOException {
      lock.readLock().lock();
      try {
        if (deleted) {
          throw new IOException("the JVM is shutting down");
        }
        boolean added = files.add(p);
        try {
          return Files.createFile(p);
        } catch (IOException | RuntimeException e) {
          if (added) {
            files.remove(p);
          }
          throw e;
        }
      } finally {
        lock.readLock().unlock();
      }
    }

    void add(Path p) {
      files.add(p);
    }

    void remove(Path p) {
      files.remove(p);
    }

    boolean contains(Path p) {
      return files.contains(p);
    }

    /** Deletes them all, and refuses new ones from then on: what the shutdown hook does. */
    void deleteAll() {
      lock.writeLock().lock();
      try {
        deleted = true;
        for (Path p : files) {
          delete(p);
          files.remove(p);
        }
      } finally {
        lock.writeLock().unlock();
      }
    }

    static void delete(Path p) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }

  /** One hook for the whole JVM, registered when the first file opens. */
  private static final class Cleanup {
    static final Pending PENDING = new Pending();

    static {
      try {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(PENDING::deleteAll, "gauntlet-temp-file-cleanup"));
      } catch (IllegalStateException alreadyShuttingDown) {
        // too late for a hook; close() still deletes its file
      }
    }
  }
}
