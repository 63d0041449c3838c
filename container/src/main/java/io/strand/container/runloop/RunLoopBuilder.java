package io.strand.container.runloop;

import io.strand.container.TaskName;
import io.strand.container.checkpoint.CheckpointManager;
import io.strand.container.checkpoint.ConsumerGroupOffsets;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.input.InputDecoder;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.container.metrics.TaskMetrics;
import io.strand.container.output.ProducerPool;
import io.strand.container.serde.SerdePair;
import io.strand.context.Context;
import io.strand.system.SystemStreamPartition;
import io.strand.task.MessageCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Assembles a {@link RunLoop} in the container's start order: tasks are added and initialized
 * first, then their inputs (once starting offsets are known), then {@link #build} creates the
 * consumers at those offsets.
 *
 * <p>Threading: one thread (the container's), used once.
 */
public final class RunLoopBuilder {

  private final RunLoopSettings settings;
  private final MessageCollector collector;
  private final String who;
  private final String threadPrefix;
  private final Map<TaskName, TaskInstance> tasks = new LinkedHashMap<>();
  /** The inputs as added; their {@link TaskInput}s are made by {@link #build}, once every priority is known. */
  private final List<InputSpec> specs = new ArrayList<>();
  /** The inputs by task and partition, for {@link #lag}, which task threads call. */
  private final Map<TaskName, Map<SystemStreamPartition, TaskInput>> inputsByTask = new ConcurrentHashMap<>();
  private final AtomicReference<RunLoop> loop = new AtomicReference<>();
  private final CompletionQueue completions;
  private final ExecutorService pool;

  /**
   * Starts a build.
   *
   * @param settings timers, pool size, concurrency
   * @param collector the container's message collector
   * @param who "job ... container ..." for messages
   * @param threadPrefix prefix of the pool threads' names
   */
  public RunLoopBuilder(RunLoopSettings settings, MessageCollector collector, String who, String threadPrefix) {
    this.settings = settings;
    this.collector = collector;
    this.who = who;
    this.threadPrefix = threadPrefix;
    this.completions = new CompletionQueue(() -> {
      RunLoop l = loop.get();
      if (l != null) {
        l.wake();
      }
    });
    this.pool = settings.threadPoolSize() > 0 ? newPool(settings.threadPoolSize()) : null;
  }

  private ExecutorService newPool(int size) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(size, r -> {
      Thread t = new Thread(r, threadPrefix + "-task-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Adds a task.
   *
   * @param name the task name
   * @param task the task object (a StreamTask or an AsyncStreamTask)
   * @param metrics the task's meters
   * @throws ContainerFailedException if the object is not a task
   */
  public void addTask(TaskName name, Object task, TaskMetrics metrics) {
    tasks.put(name, new TaskInstance(name, task, collector, metrics, pool, completions, settings.maxConcurrency(),
        who));
  }

  /**
   * Calls {@code init} on one task.
   *
   * @param name the task
   * @param context its context
   * @throws ContainerFailedException if init throws
   */
  public void initTask(TaskName name, Context context) {
    task(name).calls.init(context);
  }

  /**
   * Adds one input partition of a task.
   *
   * @param name the task
   * @param ssp the partition
   * @param serdes the stream's serdes
   * @param priority {@code samza.priority}, or {@link Integer#MAX_VALUE} for a bootstrap stream
   * @param bootstrap whether the stream is a bootstrap stream (read to {@code endOffset} before any
   *     other input of the task)
   * @param bounded whether the stream ends at {@code endOffset}
   * @param endOffset the end offset taken at start, for bootstrap and bounded streams; else ignored
   * @param lastProcessed the checkpointed last processed offset to carry forward, or -1
   */
  public void addInput(TaskName name, SystemStreamPartition ssp, SerdePair serdes, int priority, boolean bootstrap,
      boolean bounded, long endOffset, long lastProcessed) {
    task(name); // fails now, not at build, for an unknown task
    long end = bootstrap || bounded ? endOffset : TaskInput.NO_END;
    specs.add(new InputSpec(name, ssp, serdes, priority, bootstrap, bounded, end, lastProcessed));
  }

  /** One {@link #addInput} call, kept until {@link #build}. */
  private record InputSpec(TaskName name, SystemStreamPartition ssp, SerdePair serdes, int priority,
      boolean bootstrap, boolean bounded, long end, long lastProcessed) {}

  /**
   * Makes the task inputs with what the run loop reads per record fixed at once: the index of the
   * input's priority level in the {@link MessageChooser} (which needs every input's priority) and
   * whether several tasks decode the partition ({@link InputDecoder#isShared}, fixed for the
   * container's life). Both were looked up lazily per record before.
   */
  private List<TaskInput> makeInputs(InputDecoder decoder) {
    int[] priorities = MessageChooser.prioritiesDescending(specs.stream().mapToInt(InputSpec::priority).toArray());
    List<TaskInput> made = new ArrayList<>(specs.size());
    for (InputSpec s : specs) {
      TaskInstance t = task(s.name());
      TaskInput in = new TaskInput(s.ssp(), t, s.serdes(), s.priority(), s.bootstrap(), s.bounded(), s.end(),
          s.lastProcessed(), t.newInFlightOffsets(), MessageChooser.levelOf(s.priority(), priorities),
          decoder.isShared(s.ssp()));
      t.addInput(in);
      t.metrics.lag(s.ssp(), in::lag);
      made.add(in);
      inputsByTask.computeIfAbsent(s.name(), n -> new ConcurrentHashMap<>()).put(s.ssp(), in);
    }
    return made;
  }

  /**
   * A task's lag on one of its input partitions (what {@code TaskContext.getLag} answers): the
   * records of the partition not yet handed to the task, as of the run loop's last refresh (every
   * housekeeping round, 0.5 s).
   *
   * @param name the task
   * @param ssp one of its input partitions
   * @return the lag in records; empty before the loop is built, before the consumer first fetched
   *     the partition, or for a partition the task does not read
   */
  public OptionalLong lag(TaskName name, SystemStreamPartition ssp) {
    Map<SystemStreamPartition, TaskInput> of = inputsByTask.get(name);
    TaskInput in = of == null ? null : of.get(ssp);
    return in == null ? OptionalLong.empty() : in.knownLag();
  }

  /**
   * Notes that a task resumes from a checkpoint made after its {@code onEndOfStream} ran, so that
   * it is not called again unless input past that checkpoint is processed first.
   *
   * @param name the task
   * @param checkpointedOffsets that checkpoint's input offsets (last processed per partition), also
   *     of inputs that start over despite it ({@code samza.reset.offset})
   */
  public void resumeEnded(TaskName name, Map<SystemStreamPartition, Long> checkpointedOffsets) {
    task(name).resumeEnded(checkpointedOffsets);
  }

  /**
   * Creates the consumers at the starting offsets and the loop.
   *
   * @param startingOffsets next offset to read per input partition
   * @param newConsumer makes the byte[] consumer of one system
   * @param decoder deserializes input with the bad-message policy
   * @param producers the container's producers, flushed by every commit
   * @param checkpoints where checkpoints are written
   * @param groupOffsets where offsets are mirrored for tooling
   * @param participants flushed first in every commit and asked for changelog offsets after the producer
   *     flush (the container's stores)
   * @param metrics the container's meters
   * @return the loop, ready to {@link RunLoop#run()}; close it to release the consumers
   */
  public RunLoop build(Map<SystemStreamPartition, Long> startingOffsets, Function<String, Consumer<byte[], byte[]>> newConsumer,
      InputDecoder decoder, ProducerPool producers, CheckpointManager checkpoints, ConsumerGroupOffsets groupOffsets,
      List<CommitParticipant> participants, ContainerMetrics metrics) {
    List<TaskInput> inputs = makeInputs(decoder);
    InputPoller poller = new InputPoller(inputs, startingOffsets, newConsumer, decoder);
    List<TaskInstance> all = new ArrayList<>(tasks.values());
    Committer committer = new Committer(participants, producers, checkpoints, groupOffsets, who, all);
    RunLoop l = new RunLoop(all, inputs, poller, committer, completions, pool,
        settings, metrics, who, producers::sendLingering);
    loop.set(l);
    return l;
  }

  /** Releases the thread pool when the loop was never built or run. */
  public void abandon() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private TaskInstance task(TaskName name) {
    TaskInstance t = tasks.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no task '" + name + "' was added");
    }
    return t;
  }
}
