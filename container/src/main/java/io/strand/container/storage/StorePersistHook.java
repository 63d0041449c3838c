package io.strand.container.storage;

import io.strand.config.Config;
import java.util.Optional;

/**
 * Runs at the one point of a commit that exactly-once state depends on: after the stores of the
 * committing tasks were persisted (snapshots and {@code OFFSET} files written, changelog writes
 * acknowledged) and before the commit's checkpoints are written. An extension point for
 * fault-injection tests (a test's hook halts the JVM there to check that a restart trims the
 * state back to the checkpoint); the shipped jars provide none, so it does nothing in a job.
 *
 * <p>Hooks are found through {@link java.util.ServiceLoader} as {@link Provider}s on the
 * container's class path, once per container start.
 *
 * <p>Threading: called on the thread that completes the commit (the run loop's, or the
 * committer's while the run loop processes on), one commit at a time.
 */
public interface StorePersistHook {

  /**
   * Called after each commit's store persist, before its checkpoints are written.
   *
   * @param commit the number of this commit since the container started, from 1
   */
  void afterStorePersist(long commit);

  /**
   * Makes a container's hook.
   */
  interface Provider {

    /**
     * The hook for one container, if this provider has one for this job.
     *
     * @param config the whole job configuration
     * @param who "job ... container ..." for log lines
     * @return the hook, or empty to stay out of the way
     */
    Optional<StorePersistHook> forContainer(Config config, String who);
  }
}
