package io.strand.container.testjobs;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A stateful test job: counts each input value (string serde) in store {@code counts} (string key,
 * decimal string count); a value {@code delete:<key>} deletes that key, so its count starts again
 * from zero.
 *
 * <p>Optional: {@code test.commit.at.offsets} (comma-separated input offsets) asks for a commit of
 * this task right after processing each of them, so a test knows exactly what each commit covers;
 * {@code test.throttle.every} / {@code test.throttle.ms} pause the task that long every that many
 * messages.
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class CountingTask implements StreamTask, InitableTask {

  /** The store the counts are kept in. */
  public static final String STORE = "counts";
  /** The prefix of a message that deletes a key. */
  public static final String DELETE = "delete:";
  /** How many tasks of each job (by job name) reached {@code init} in this JVM, for tests. */
  public static final Map<String, AtomicInteger> INITS = new ConcurrentHashMap<>();

  private KeyValueStore<String, String> counts;
  private Set<Long> commitAt;
  private int throttleEvery;
  private long throttleNanos;
  private long seen;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    INITS.computeIfAbsent(context.getJobContext().getJobName(), j -> new AtomicInteger()).incrementAndGet();
    counts = context.getTaskContext().getStore(STORE);
    commitAt = config.get("test.commit.at.offsets").map(v -> Arrays.stream(v.split(",")).map(String::trim)
        .map(Long::parseLong).collect(Collectors.toSet())).orElse(Set.of());
    throttleEvery = config.getInt("test.throttle.every", 0);
    throttleNanos = TimeUnit.MILLISECONDS.toNanos(config.getLong("test.throttle.ms", 0));
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    String value = (String) envelope.getMessage();
    if (value.startsWith(DELETE)) {
      counts.delete(value.substring(DELETE.length()));
    } else {
      String count = counts.get(value);
      counts.put(value, String.valueOf(count == null ? 1 : Long.parseLong(count) + 1));
    }
    if (!commitAt.isEmpty() && commitAt.contains(Long.parseLong(envelope.getOffset()))) {
      coordinator.commit(TaskCoordinator.RequestScope.CURRENT_TASK);
    }
    if (throttleEvery > 0 && ++seen % throttleEvery == 0) {
      LockSupport.parkNanos(throttleNanos);
    }
  }
}
