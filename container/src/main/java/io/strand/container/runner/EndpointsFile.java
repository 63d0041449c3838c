package io.strand.container.runner;

import io.strand.metrics.reporter.MetricsEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * How a process-mode container tells its runner where its metrics can be read: a properties file
 * {@code <work dir>/container-<id>.endpoints} of {@code <reporter>=<url>} lines, written by the child
 * ({@link ContainerMain}) once its reporters have started and read by {@link ProcessJob}.
 *
 * <p>Threading: stateless; the file is written in one step (a temporary file moved into place), so a
 * reader never sees half of it.
 */
final class EndpointsFile {

  private EndpointsFile() {}

  /**
   * The file of one container.
   *
   * @param workDir the job's work dir
   * @param containerId the container
   * @return {@code <work dir>/container-<id>.endpoints}
   */
  static Path of(Path workDir, String containerId) {
    return workDir.resolve("container-" + containerId + ".endpoints");
  }

  /**
   * Writes the file.
   *
   * @param file the file
   * @param endpoints the container's endpoints, possibly none
   * @throws IOException if it cannot be written
   */
  static void write(Path file, List<MetricsEndpoint> endpoints) throws IOException {
    Properties lines = new Properties();
    endpoints.forEach(e -> lines.setProperty(e.reporter(), e.url().toString()));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      lines.store(out, "metrics endpoints");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Waits for a starting child's file, then reads it.
   *
   * @param file the file
   * @param containerId the child's container
   * @param child the child process; the wait ends early when it exits
   * @param timeoutMs the longest wait, in ms
   * @return the endpoints; empty when the file did not appear in time or the child exited first
   * @throws IOException if the file exists but cannot be read
   * @throws IllegalArgumentException if it holds something that is not a URL
   * @throws InterruptedException if interrupted while waiting
   */
  static Optional<List<MetricsEndpoint>> await(Path file, String containerId, Process child, long timeoutMs)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!Files.exists(file) && child.isAlive() && System.nanoTime() < deadline) {
      child.waitFor(100, TimeUnit.MILLISECONDS); // returns at once when the child exits
    }
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties lines = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines.load(in);
    }
    List<MetricsEndpoint> found = new ArrayList<>();
    for (String reporter : new TreeSet<>(lines.stringPropertyNames())) {
      found.add(new MetricsEndpoint(containerId, reporter, URI.create(lines.getProperty(reporter))));
    }
    return Optional.of(List.copyOf(found));
  }
}
