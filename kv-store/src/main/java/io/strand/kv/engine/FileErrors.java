package io.strand.kv.engine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The operating system's reason for a file error, in its own words ("Permission denied", "Not a
 * directory"), for messages about store directories. Java's {@link AccessDeniedException} and
 * friends carry only the path in their message, which hides the reason; and
 * {@link Files#createDirectories} reports a file in the way as {@link FileAlreadyExistsException}.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class FileErrors {

  private FileErrors() {}

  /**
   * Why a file operation failed.
   *
   * @param e the exception
   * @return the reason, for example {@code "Permission denied"} or
   *     {@code "Not a directory: /data/state is a file"}; never empty
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "Permission denied" + at(e);
    }
    if (e instanceof NotDirectoryException) {
      return "Not a directory" + at(e);
    }
    if (e instanceof NoSuchFileException) {
      return "No such file or directory" + at(e);
    }
    if (e instanceof FileAlreadyExistsException f && f.getFile() != null && !Files.isDirectory(Path.of(f.getFile()))) {
      return "Not a directory: " + f.getFile() + " is a file";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + at(e);
    }
    return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
  }

  /**
   * Why a directory cannot be created, or used, for writing, found without creating anything: the
   * nearest part of the path that exists must be a directory this process may write in.
   *
   * @param dir the directory the store will create (or that exists)
   * @return the reason, for example {@code "Not a directory: /data/state is a file"} or
   *     {@code "Permission denied: cannot write in /data"}; empty when the directory can be used
   */
  public static Optional<String> problemWithDirectory(Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("No such file or directory: no part of " + dir + " exists");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of("Not a directory: " + existing + " is a file");
    }
    // access(2): as root this is true even without write permission, as creating would succeed.
    if (!Files.isWritable(existing) || !Files.isExecutable(existing)) {
      return Optional.of("Permission denied: cannot " + (existing.equals(dir.toAbsolutePath().normalize())
          ? "write in " : "create directories in ") + existing);
    }
    return Optional.empty();
  }

  private static String at(IOException e) {
    return e instanceof FileSystemException f && f.getFile() != null ? ": " + f.getFile() : "";
  }
}
