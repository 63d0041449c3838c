package io.strand.container.storage;

import io.strand.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST ONLY: simulates a crash at the one point exactly-once state depends on, between the store
 * persist of a commit (snapshot and {@code OFFSET} file written, changelog acknowledged) and the
 * checkpoint write. With {@value #HALT_AFTER_COMMIT} {@code = n}, the n-th commit of the container
 * JVM halts it ({@link Runtime#halt}, no shutdown hook, like a SIGKILL) right after the persist.
 * With {@value #ONCE_MARKER} {@code = <file>} too, it halts only when that file does not exist yet
 * and creates it first, so a restarted container runs on. Meant for container JVMs (process
 * mode): in the thread runner it would halt the whole JVM. Unset (the default), it does nothing.
 *
 * <p>Threading: run loop thread only.
 */
final class CrashAfterPersistForTests {

  /** The commit (1-based, counted per container JVM) after whose store persist the JVM halts. */
  static final String HALT_AFTER_COMMIT = "strand.test.halt.after.store.persist";
  /** A file whose existence disables the halt; created just before halting. */
  static final String ONCE_MARKER = "strand.test.halt.once.marker";
  /** The exit status of the simulated crash. */
  static final int HALT_STATUS = 86;

  private static final Logger LOG = LoggerFactory.getLogger(CrashAfterPersistForTests.class);

  private final long haltAt;
  private final Optional<Path> marker;
  private final String who;
  private long commits;

  private CrashAfterPersistForTests(long haltAt, Optional<Path> marker, String who) {
    this.haltAt = haltAt;
    this.marker = marker;
    this.who = who;
  }

  static CrashAfterPersistForTests fromConfig(Config config, String who) {
    long at = config.getLong(HALT_AFTER_COMMIT, 0L);
    return new CrashAfterPersistForTests(at, config.get(ONCE_MARKER).map(Path::of), who);
  }

  /** Called after each commit's store persist, before its checkpoints are written. */
  void afterPersist() {
    if (haltAt <= 0 || ++commits != haltAt) {
      return;
    }
    if (marker.isPresent()) {
      try {
        Files.createFile(marker.get());
      } catch (IOException e) {
        return; // already halted once (or the marker cannot be made): run on
      }
    }
    LOG.warn("{}: {}={}: halting the JVM after the store persist of commit {}, before its checkpoint (test only)",
        who, HALT_AFTER_COMMIT, haltAt, commits);
    Runtime.getRuntime().halt(HALT_STATUS);
  }
}
