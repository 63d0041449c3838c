package io.strand.kv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS reason of a store directory problem, found by trying and found without creating anything. */
class FileErrorsTest {

  @TempDir
  Path tmp;

  @Test
  void aFileInThePathIsNotADirectory() throws IOException {
    Path file = Files.writeString(tmp.resolve("state"), "not a dir");

    IOException e = assertThrows(IOException.class, () -> Files.createDirectories(file.resolve("job").resolve("db")));
    assertTrue(FileErrors.reason(e).startsWith("Not a directory"), FileErrors.reason(e));

    assertEquals(Optional.of("Not a directory: " + file + " is a file"), FileErrors.problemWithDirectory(file));
    assertEquals(Optional.of("Not a directory: " + file + " is a file"),
        FileErrors.problemWithDirectory(file.resolve("job").resolve("store")));
    assertTrue(Files.isRegularFile(file), "nothing was created or removed");
  }

  @Test
  void aWritableDirectoryOrAMissingOneUnderItIsFine() {
    assertEquals(Optional.empty(), FileErrors.problemWithDirectory(tmp));
    assertEquals(Optional.empty(), FileErrors.problemWithDirectory(tmp.resolve("a").resolve("b")));
    assertTrue(Files.notExists(tmp.resolve("a")), "the check creates nothing");
  }

  /**
   * Root may write in a read-only directory (access(2) and mkdir(2) both succeed), so this case
   * can only be seen as another user; the suite runs as root on some machines, where it is skipped.
   */
  @Test
  void aReadOnlyDirectoryIsPermissionDenied() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write in a read-only directory");
    Path readOnly = Files.createDirectory(tmp.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      IOException e = assertThrows(IOException.class, () -> Files.createDirectories(readOnly.resolve("job")));
      assertTrue(FileErrors.reason(e).startsWith("Permission denied"), FileErrors.reason(e));
      assertTrue(FileErrors.problemWithDirectory(readOnly.resolve("job")).orElseThrow().startsWith("Permission denied"));
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
