package io.strand.container.runner;

import io.strand.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application class-data sharing (AppCDS) for the process runner's container JVMs: the first
 * container JVM that exits cleanly dumps the classes it loaded into an archive
 * ({@code -XX:ArchiveClassesAtExit}), and every later one maps them from it
 * ({@code -XX:SharedArchiveFile}) instead of reading, parsing and verifying them again. Class
 * loading is most of what a restarted container spends before its first message when its local
 * state is reused: on our 2-core machines a container with 1 GB of local state reached its first
 * message 3.2 s after submit without the archive and 1.7-1.9 s with it
 * ({@code LargeStateRestartMeasurement}).
 *
 * <p>The archive is named by a digest of the JVM (home and version) and of every class path
 * entry (path, size, modification time), under {@value #DIR} (default
 * {@code <java.io.tmpdir>/strand-cds}), so a rebuilt jar or another JDK gets a fresh archive and
 * never a mismatched one. It is only used when every class path entry, including the
 * {@code Class-Path} of jar manifests, is a jar file: the JDK cannot archive classes from
 * directories and fails the dumping JVM's exit when the class path has one (so builds running
 * from {@code target/classes}, and test class paths, run without it). It is also skipped when
 * {@code task.opts} already choose a sharing setting ({@code -Xshare}, {@code -XX:SharedArchiveFile},
 * {@code -XX:ArchiveClassesAtExit}) and when {@value #ENABLED} is {@code false}. An archive the
 * JVM cannot use only costs the speed-up: the default {@code -Xshare:auto} falls back to loading
 * classes normally.
 *
 * <p>Threading: thread-safe; the supervisor threads of one job share an instance, and at most one
 * child at a time dumps the archive.
 */
final class ClassDataSharing {

  /** Whether container JVMs of the process runner use an AppCDS archive (default {@code true}). */
  static final String ENABLED = "strand.process.cds.enabled";
  /** Where the archives are kept (default {@code <java.io.tmpdir>/strand-cds}). */
  static final String DIR = "strand.process.cds.dir";

  private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
  private static final List<String> USER_CHOICES = List.of("-Xshare", "-XX:SharedArchiveFile",
      "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive");

  private final Path archive;
  /** The container dumping the archive now, and its temporary file; null when none is. */
  private final AtomicReference<Dump> dumping = new AtomicReference<>();

  private record Dump(String containerId, Path file) { }

  private ClassDataSharing(Path archive) {
    this.archive = archive;
  }

  /**
   * Decides whether a job's container JVMs can share classes.
   *
   * @param config the job's config ({@value #ENABLED}, {@value #DIR})
   * @param classPath the children's class path, entries separated by {@link File#pathSeparator}
   * @param jvmOptions the children's other JVM options ({@code task.opts})
   * @return the sharing setup, or empty when it is off or cannot work with this class path (the
   *     reason is logged at INFO)
   * @throws io.strand.config.ConfigException if {@value #ENABLED} is not a boolean
   */
  static Optional<ClassDataSharing> forJob(Config config, String classPath, List<String> jvmOptions) {
    if (!config.getBoolean(ENABLED, true)) {
      return Optional.empty();
    }
    if (jvmOptions.stream().anyMatch(o -> USER_CHOICES.stream().anyMatch(o::startsWith))) {
      LOG.info("Class-data sharing for container JVMs: off, task.opts choose their own sharing setting");
      return Optional.empty();
    }
    Optional<String> problem = nonJarEntry(classPath);
    if (problem.isPresent()) {
      LOG.info("Class-data sharing for container JVMs: off, the class path has {} (only jar files can be archived)",
          problem.get());
      return Optional.empty();
    }
    Path dir = config.get(DIR).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "strand-cds"));
    return Optional.of(new ClassDataSharing(dir.resolve("container-" + digest(classPath) + ".jsa")));
  }

  /**
   * The JVM options for launching one container: use the archive when it exists, else dump it
   * on exit when no other container is dumping it already.
   *
   * @param containerId the container about to start
   * @return options to put before the class path; empty when this launch neither uses nor dumps
   */
  List<String> optionsFor(String containerId) {
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    Path tmp = archive.resolveSibling(archive.getFileName() + "." + containerId + "." + ProcessHandle.current().pid()
        + ".tmp");
    if (!dumping.compareAndSet(null, new Dump(containerId, tmp))) {
      return List.of();
    }
    try {
      Files.createDirectories(archive.getParent());
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      dumping.set(null);
      LOG.info("Class-data sharing for container JVMs: off, cannot use {}: {}", archive.getParent(), e.toString());
      return List.of();
    }
    return List.of("-XX:ArchiveClassesAtExit=" + tmp);
  }

  /**
   * Publishes the archive a container JVM dumped on exit (atomically, so a concurrent launch
   * sees a whole archive or none); call after each container JVM has exited.
   *
   * @param containerId the container whose JVM exited
   */
  void afterExit(String containerId) {
    Dump dump = dumping.get();
    if (dump == null || !dump.containerId().equals(containerId)) {
      return;
    }
    try {
      if (Files.isRegularFile(dump.file()) && Files.size(dump.file()) > 0 && !Files.exists(archive)) {
        move(dump.file(), archive);
        LOG.info("Class-data sharing archive for container JVMs written: {} ({} MiB); later container JVMs start"
            + " from it", archive, Files.size(archive) >> 20);
      }
      Files.deleteIfExists(dump.file());
    } catch (IOException e) {
      LOG.info("Class-data sharing archive {} not written: {}", archive, e.toString());
    } finally {
      dumping.set(null);
    }
  }

  /**
   * The archive's path (which may not exist yet).
   *
   * @return where the archive is or will be
   */
  Path archive() {
    return archive;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** The first class path entry (or manifest {@code Class-Path} entry) that is not a jar file. */
  static Optional<String> nonJarEntry(String classPath) {
    Deque<Path> pending = new ArrayDeque<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        return Optional.of("an empty entry (the working directory)");
      }
      pending.add(Path.of(entry).toAbsolutePath().normalize());
    }
    Set<Path> seen = new LinkedHashSet<>();
    while (!pending.isEmpty()) {
      Path p = pending.poll();
      if (!seen.add(p)) {
        continue;
      }
      if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".jar")) {
        return Optional.of(Files.isDirectory(p) ? "the directory " + p : "the non-jar entry " + p);
      }
      try (JarFile jar = new JarFile(p.toFile())) {
        Manifest manifest = jar.getManifest();
        String cp = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (cp != null) {
          for (String ref : cp.trim().split("\\s+")) {
            if (!ref.isEmpty()) {
              pending.add(manifestEntry(p, ref));
            }
          }
        }
      } catch (IOException e) {
        return Optional.of("the unreadable jar " + p);
      }
    }
    return Optional.empty();
  }

  private static Path manifestEntry(Path jar, String ref) {
    if (ref.startsWith("file:")) {
      return Path.of(java.net.URI.create(ref)).toAbsolutePath().normalize();
    }
    return jar.getParent().resolve(ref).toAbsolutePath().normalize();
  }

  private static String digest(String classPath) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<String> parts = new ArrayList<>();
      parts.add(System.getProperty("java.home"));
      parts.add(System.getProperty("java.vm.version"));
      for (String entry : classPath.split(File.pathSeparator)) {
        Path p = Path.of(entry);
        parts.add(entry);
        try {
          parts.add(Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
        } catch (IOException e) {
          parts.add("missing");
        }
      }
      sha.update(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
