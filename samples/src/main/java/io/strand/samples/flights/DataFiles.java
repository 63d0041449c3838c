package io.strand.samples.flights;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared data directory. The data lives beside the repository, not in it:
 * {@code <repo>/../shared/data}. The repository root is found by walking up from the working
 * directory to the first directory holding both {@code pom.xml} and {@code samples/}, so the same
 * default works from the root (the demo script) and from {@code samples/} (Maven's tests).
 * {@value #PROPERTY} (a system property) overrides it; commands also take {@code --data-dir}.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class DataFiles {

  /** System property naming the data directory. */
  public static final String PROPERTY = "strand.data.dir";
  /** The gzipped flights CSV, January 2001. */
  public static final String FLIGHTS_FILE = "flights-2001-01.csv.gz";
  /** The airports CSV. */
  public static final String AIRPORTS_FILE = "airports.csv";

  private DataFiles() {
  }

  /**
   * The default data directory.
   *
   * @return the directory (it may not exist; callers say so when they open a file)
   */
  public static Path defaultDir() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("samples"))) {
        return dir.resolveSibling("shared").resolve("data");
      }
    }
    return cwd.resolveSibling("shared").resolve("data");
  }

  /**
   * A file in a data directory, checked.
   *
   * @param dir the data directory
   * @param name the file's name
   * @return the file
   * @throws IllegalArgumentException if it is not a readable file, saying where it was looked for
   */
  public static Path require(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isReadable(file) || !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("data file " + file + " not found; the data is expected in <repo>/../shared/data,"
          + " or pass --data-dir (or -D" + PROPERTY + "=...)");
    }
    return file;
  }
}
