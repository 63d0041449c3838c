package io.strand.container.testjobs;

import io.strand.config.Config;
import io.strand.container.storage.StorePersistHook;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a commit between its store persist and its checkpoint write until the job's
 * {@link CountingTask}s have processed more messages: a slow acknowledgement, made visible. With
 * {@value #AWAIT_MESSAGES} {@code = n} in the job config, the first commit of the container waits
 * (polling, up to {@value #DEADLINE_MS} ms) until {@code n} messages more than when it got there
 * were processed, and records in {@link #RESULTS} (by job name) what it saw. If the run loop
 * itself waits for the commit, nothing is processed and the wait ends at its deadline.
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
  /** What the first commit's hook saw, by job name. */
  public static final Map<String, Seen> RESULTS = new ConcurrentHashMap<>();

  /**
   * What a hook saw.
   *
   * @param processedAtPersist messages processed when the commit reached the hook
   * @param processedWhileWaiting messages processed while the hook held the commit
   */
  public record Seen(long processedAtPersist, long processedWhileWaiting) { }

  /** Made by the service loader. */
  public AwaitProcessingAfterStorePersist() {}

  @Override
  public Optional<StorePersistHook> forContainer(Config config, String who) {
    long await = config.getLong(AWAIT_MESSAGES, 0L);
    if (await <= 0) {
      return Optional.empty();
    }
    String job = config.getRequired("job.name");
    return Optional.of(commit -> {
      if (commit != 1) {
        return;
      }
      AtomicLong processed = CountingTask.PROCESSED.computeIfAbsent(job, j -> new AtomicLong());
      long at = processed.get();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
      while (processed.get() - at < await && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      RESULTS.put(job, new Seen(at, processed.get() - at));
    });
  }
}
