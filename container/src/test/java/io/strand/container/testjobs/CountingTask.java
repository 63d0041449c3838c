package io.strand.container.testjobs;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.testkit.kill.KillThrottle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A stateful test job: counts each input value (string serde) in store {@code counts} (string key,
 * decimal string count); a value {@code delete:<key>} deletes that key, so its count starts again
 * from zero.
 *
 * <p>Optional: {@code test.commit.at.offsets} (comma-separated input offsets) asks for a commit of
 * this task right after processing each of them, so a test knows exactly what each commit covers;
 * {@link KillThrottle}'s keys ({@code test.throttle.*}) pause the task, until
 * the test releases it; {@code test.output.stream} (a stream of the job's system {@code kafka}) makes the task
 * send every count it stores, keyed by the counted value, one output per counted input (the
 * exactly-once tests check each key's outputs are exactly 1, 2, 3, ...); {@code test.fail.once.file}
 * with {@code test.fail.at.offset} makes the task throw at that input offset if the file does not
 * exist yet (creating it first), so only the first attempt fails; with {@code test.output.stream}
 * the task also sends {@code end:<task>} (key) with the number of messages it processed in this run
 * when its input ends; {@code test.stall.once.file} with
 * {@code test.stall.at.offset} and {@code test.stall.ms} makes it stall that long there, once.
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class CountingTask implements StreamTask, InitableTask, EndOfStreamListenerTask {

  /** The store the counts are kept in. */
  public static final String STORE = "counts";
  /** The prefix of a message that deletes a key. */
  public static final String DELETE = "delete:";
  /** How many tasks of each job (by job name) reached {@code init} in this JVM, for tests. */
  public static final Map<String, AtomicInteger> INITS = new ConcurrentHashMap<>();
  /** How many messages the tasks of each job (by job name) processed in this JVM, for tests. */
  public static final Map<String, AtomicLong> PROCESSED = new ConcurrentHashMap<>();

  private KeyValueStore<String, String> counts;
  private Set<Long> commitAt;
  private KillThrottle throttle;
  private long seenInRun;
  private String taskName;
  private SystemStream output;
  private long failAt;
  private Path failOnceFile;
  private long stallAt;
  private long stallMs;
  private Path stallOnceFile;
  private AtomicLong processed;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    INITS.computeIfAbsent(context.getJobContext().getJobName(), j -> new AtomicInteger()).incrementAndGet();
    processed = PROCESSED.computeIfAbsent(context.getJobContext().getJobName(), j -> new AtomicLong());
    counts = context.getTaskContext().getStore(STORE);
    taskName = context.getTaskContext().getTaskName().getTaskName();
    commitAt = config.get("test.commit.at.offsets").map(v -> Arrays.stream(v.split(",")).map(String::trim)
        .map(Long::parseLong).collect(Collectors.toSet())).orElse(Set.of());
    throttle = KillThrottle.of(config::get);
    output = config.get("test.output.stream").map(s -> new SystemStream("kafka", s)).orElse(null);
    failAt = config.getLong("test.fail.at.offset", -1);
    failOnceFile = config.get("test.fail.once.file").map(Path::of).orElse(null);
    stallAt = config.getLong("test.stall.at.offset", -1);
    stallMs = config.getLong("test.stall.ms", 0);
    stallOnceFile = config.get("test.stall.once.file").map(Path::of).orElse(null);
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    if (output != null) {
      collector.send(new OutgoingMessageEnvelope(output, "end:" + taskName, String.valueOf(seenInRun)));
    }
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    String value = (String) envelope.getMessage();
    seenInRun++;
    if (value.startsWith(DELETE)) {
      counts.delete(value.substring(DELETE.length()));
    } else {
      String count = counts.get(value);
      String next = String.valueOf(count == null ? 1 : Long.parseLong(count) + 1);
      counts.put(value, next);
      if (output != null) {
        collector.send(new OutgoingMessageEnvelope(output, value, next));
      }
    }
    long offset = Long.parseLong(envelope.getOffset());
    if (failOnceFile != null && offset == failAt && firstTime(failOnceFile)) {
      throw new IllegalStateException("test failure at offset " + failAt + " of " + envelope.getSystemStreamPartition());
    }
    if (stallOnceFile != null && offset == stallAt && firstTime(stallOnceFile)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(stallMs));
    }
    if (!commitAt.isEmpty() && commitAt.contains(Long.parseLong(envelope.getOffset()))) {
      coordinator.commit(TaskCoordinator.RequestScope.CURRENT_TASK);
    }
    throttle.onRecord();
    processed.incrementAndGet();
  }

  // True the first time any JVM of the test gets here: the marker file did not exist yet.
  private static boolean firstTime(Path marker) {
    try {
      Files.createFile(marker);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
