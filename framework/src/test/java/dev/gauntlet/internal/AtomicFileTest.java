package dev.gauntlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private List<String> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static UserInputException checkError(Path target, String option) {
    return catchThrowableOfType(
        UserInputException.class, () -> AtomicFile.checkTarget(target, option));
  }

  @Test
  void commitMovesTheTemporaryFileOverTheTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("out.txt"), "old");

    try (AtomicFile f = AtomicFile.open(target)) {
      assertThat(f.temp().getParent()).isEqualTo(dir);
      assertThat(f.temp().getFileName().toString()).startsWith(".out.txt.").endsWith(".part");
      Files.writeString(f.temp(), "new");
      assertThat(Files.readString(target)).isEqualTo("old");
      f.commit();
    }

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(filesInDir()).containsExactly("out.txt");
  }

  @Test
  void closeWithoutCommitDeletesTheTemporaryFileAndLeavesTheTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("out.txt"), "old");

    try (AtomicFile f = AtomicFile.open(target)) {
      Files.writeString(f.temp(), "half");
      assertThat(filesInDir()).hasSize(2);
    }

    assertThat(filesInDir()).containsExactly("out.txt");
    assertThat(Files.readString(target)).isEqualTo("old");
  }

  @Test
  void anOpenTemporaryFileIsLeftToTheShutdownHookUntilCommitted() throws IOException {
    Path temp;
    try (AtomicFile f = AtomicFile.open(dir.resolve("out.txt"))) {
      temp = f.temp();
      assertThat(AtomicFile.isPending(temp)).isTrue();
      f.commit();
      assertThat(AtomicFile.isPending(temp)).isFalse();
    }
    assertThat(AtomicFile.isPending(temp)).isFalse();
  }

  @Test
  void aClosedOrFailedTemporaryFileIsNoLongerLeftToTheHook() throws IOException {
    Path closed;
    try (AtomicFile f = AtomicFile.open(dir.resolve("a.txt"))) {
      closed = f.temp();
    }
    Path target = dir.resolve("b.txt");
    AtomicFile failing = AtomicFile.open(target);
    // a folder that is not empty cannot be replaced by a file, so the move fails
    Files.createDirectories(target.resolve("inside"));

    UserInputException e = catchThrowableOfType(UserInputException.class, failing::commit);

    assertThat(e.where()).isEqualTo(target.toString());
    assertThat(AtomicFile.isPending(closed)).isFalse();
    assertThat(AtomicFile.isPending(failing.temp())).isFalse();
    assertThat(filesInDir()).containsExactly("b.txt");
  }

  @Test
  void theHooksWorkDeletesEveryPendingFile() throws IOException {
    AtomicFile.Pending pending = new AtomicFile.Pending();
    Path a = Files.writeString(dir.resolve(".a.part"), "rows");
    Path b = Files.writeString(dir.resolve(".b.part"), "rows");
    Path keep = Files.writeString(dir.resolve("keep.csv"), "done");
    pending.add(a);
    pending.add(b);
    pending.add(dir.resolve(".never-created.part"));

    pending.deleteAll();

    assertThat(filesInDir()).containsExactly(keep.getFileName().toString());
    assertThat(pending.contains(a)).isFalse();
    assertThat(pending.contains(b)).isFalse();
    // after the hook, no temporary file may appear that nothing would remove
    Path late = dir.resolve(".late.part");
    assertThatThrownBy(() -> pending.create(late)).hasMessageContaining("shutting down");
    assertThat(late).doesNotExist();
  }

  @Test
  void aCreatedFileIsPendingUntilRemoved() throws IOException {
    AtomicFile.Pending pending = new AtomicFile.Pending();
    Path p = pending.create(dir.resolve(".c.part"));
    assertThat(p).exists();
    assertThat(pending.contains(p)).isTrue();
    assertThatThrownBy(() -> pending.create(p))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(pending.contains(p)).as("still the first one's").isTrue();
  }

  @Test
  void aValidTargetPasses() {
    AtomicFile.checkTarget(dir.resolve("new.csv"), "--out");
    AtomicFile.checkTarget(Path.of("relative.csv"), "--out");
  }

  @Test
  void anEmptyPathIsRefused() {
    UserInputException e = checkError(Path.of(""), "--out");

    assertThat(e.where()).isEqualTo("--out \"\"");
    assertThat(e.found()).isEqualTo("an empty path");
  }

  @Test
  void aFolderIsRefused() {
    UserInputException e = checkError(dir, "--save-model");

    assertThat(e.where()).isEqualTo("--save-model " + dir);
    assertThat(e.found()).isEqualTo("a folder");
    assertThat(e.fix()).contains(dir.resolve("NAME").toString());
  }

  @Test
  void aMissingFolderIsRefusedNamingIt() {
    Path missing = dir.resolve("nodir");
    UserInputException e = checkError(missing.resolve("out.csv"), "--out");

    assertThat(e.where()).isEqualTo("--out " + missing.resolve("out.csv"));
    assertThat(e.found()).isEqualTo("no folder " + missing);
    assertThat(e.fix()).contains("mkdir -p " + missing);
  }

  @Test
  void aFileInPlaceOfTheFolderIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    UserInputException e = checkError(file.resolve("out.csv"), null);

    assertThat(e.where()).isEqualTo(file.resolve("out.csv").toString());
    assertThat(e.found()).contains("which is a file, not a folder");
  }

  @Test
  void openChecksTheTargetAndCreatesNothingWhenItIsBad() throws IOException {
    UserInputException e =
        catchThrowableOfType(UserInputException.class, () -> AtomicFile.open(dir));

    assertThat(e.found()).isEqualTo("a folder");
    assertThat(filesInDir()).isEmpty();
  }

  @Test
  void aWriteFailureNamesTheTargetNotTheTemporaryFile() {
    Path target = dir.resolve("out.csv");
    FileSystemException cause =
        new FileSystemException(
            dir.resolve(".out.csv.1234.part").toString(), null, "No space left on device");

    UserInputException e = AtomicFile.cannotWrite(target, cause);

    assertThat(e.where()).isEqualTo(target.toString());
    assertThat(e.found()).isEqualTo("cannot write: No space left on device");
    assertThat(e.getMessage()).doesNotContain(".part");
  }
}
