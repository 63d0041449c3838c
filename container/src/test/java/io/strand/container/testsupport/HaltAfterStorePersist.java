package io.strand.container.testsupport;

import io.strand.config.Config;
import io.strand.container.storage.StorePersistHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates a crash at the one point exactly-once state depends on, between the store persist of
 * a commit (snapshot and {@code OFFSET} file written, changelog acknowledged) and the checkpoint
 * write. With {@value #HALT_AFTER_COMMIT} {@code = n} in the job config, the n-th commit of the
 * container halts its JVM ({@link Runtime#halt}, no shutdown hook, like a SIGKILL) right after the
 * persist. With {@value #ONCE_MARKER} {@code = <file>} too, it halts only when that file does not
 * exist yet and creates it first, so a restarted container runs on. Meant for container JVMs
 * (process mode): in the thread runner it would halt the whole JVM. Unset (the default), it does
 * nothing.
 *
 * <p>Test code only: a {@link StorePersistHook.Provider} registered in the container tests'
 * {@code META-INF/services}, so container JVMs started from these tests (which share their class
 * path) find it, and no shipped jar has it.
 *
 * <p>Threading: the hook runs on the thread that completes the commit, one commit at a time.
 */
public final class HaltAfterStorePersist implements StorePersistHook.Provider {

  /** The commit (1-based, counted per container start) after whose store persist the JVM halts. */
  public static final String HALT_AFTER_COMMIT = "strand.test.halt.after.store.persist";
  /** A file whose existence disables the halt; created just before halting. */
  public static final String ONCE_MARKER = "strand.test.halt.once.marker";
  /** The exit status of the simulated crash. */
  public static final int HALT_STATUS = 86;

  private static final Logger LOG = LoggerFactory.getLogger(HaltAfterStorePersist.class);

  /** Made by the service loader. */
  public HaltAfterStorePersist() {}

  @Override
  public Optional<StorePersistHook> forContainer(Config config, String who) {
    long haltAt = config.getLong(HALT_AFTER_COMMIT, 0L);
    if (haltAt <= 0) {
      return Optional.empty();
    }
    Optional<Path> marker = config.get(ONCE_MARKER).map(Path::of);
    return Optional.of(commit -> {
      if (commit != haltAt) {
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
          who, HALT_AFTER_COMMIT, haltAt, commit);
      Runtime.getRuntime().halt(HALT_STATUS);
    });
  }
}
