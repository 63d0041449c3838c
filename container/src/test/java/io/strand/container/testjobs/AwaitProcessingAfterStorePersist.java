package io.strand.container.testjobs;

import io.strand.config.Config;
import io.strand.container.storage.StorePersistHook;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a commit between its store persist and its checkpoint write until the job's
 * {@link CountingTask}s have processed more messages: a slow acknowledgement, made visible. With
 * {@value #AWAIT_MESSAGES} {@code = n} in the job config, the first commit of the container that
 * comes after at least {@code n} messages were processed waits (polling, up to {@value #DEADLINE_MS}
 * ms) until {@code n} messages more than when it got there were processed, and records in
 * {@link #RESULTS} (by job name) what it saw. If the run loop itself waits for the commit, nothing
 * is processed and the wait ends at its deadline. Commits before that pass: on a loaded machine the
 * first periodic commit can come before the input's first fetch, and holding it would only show
 * that the next commit waits for it (at most one in flight), with nothing processed between.
 *
 * <p>Test code only: a {@link StorePersistHook.Provider} in the container tests'
 * {@code META-INF/services}. Unset (the default), it does nothing.
 *
 * <p>Threading: the hook runs on the thread that completes the commit.
 */
public final class AwaitProcessingAfterStorePersist implements StorePersistHook.Provider {

  /** Messages the first commit waits to see processed after its store persist. */
  public static final String AWAIT_MESSAGES = "strand.test.await.processing.after.store.persist";
  /** The longest the hook waits, in ms. */
  public static final long DEADLINE_MS = 10_000;
  /** What the held commit's hook saw, by job name. */
  public static final Map<String, Seen> RESULTS = new ConcurrentHashMap<>();

  /**
   * What a hook saw.
   *
   * @param processedAtPersist messages processed when the commit reached the hook
   * @param processedWhileWaiting messages processed while the hook held the commit
   * @param releasedAtMs wall-clock time (epoch ms) the hook let the commit go on to its checkpoint
   *     write: the held commit's checkpoint record is the first one stamped at or after it
   */
  public record Seen(long processedAtPersist, long processedWhileWaiting, long releasedAtMs) { }

  /** Made by the service loader. */
  public AwaitProcessingAfterStorePersist() {}

  @Override
  public Optional<StorePersistHook> forContainer(Config config, String who) {
    long await = config.getLong(AWAIT_MESSAGES, 0L);
    if (await <= 0) {
      return Optional.empty();
    }
    String job = config.getRequired("job.name");
    AtomicBoolean held = new AtomicBoolean();
    return Optional.of(commit -> {
      AtomicLong processed = CountingTask.PROCESSED.computeIfAbsent(job, j -> new AtomicLong());
      long at = processed.get();
      if (at < await || !held.compareAndSet(false, true)) {
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
      while (processed.get() - at < await && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      RESULTS.put(job, new Seen(at, processed.get() - at, System.currentTimeMillis()));
    });
  }
}
