package io.strand.testkit.samzacompat;

import io.strand.Partition;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.context.Context;
import io.strand.job.model.TaskModel;
import io.strand.metrics.Counter;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.ClosableTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.task.WindowableTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Samza 1.x low-level task written as Samza documents it; only its import lines differ from
 * Samza code ({@code org.apache.samza.} became {@code io.strand.}). Counts words in store
 * {@code word-counts} (typed by Samza's cast), sends {@code word=count} for every message, and on
 * every window sends its task counter's value, keyed by the task name. It reads its
 * {@code TaskName} and each envelope's {@code Partition} (Samza's {@code org.apache.samza.container}
 * and {@code org.apache.samza} types) through its task model (which must be its container model's
 * entry for it), and fails if a message comes from a partition its task model does not hold, or,
 * as Samza's default grouper promises, from another partition than the task's changelog partition.
 */
public class WordCountTask implements StreamTask, InitableTask, WindowableTask, ClosableTask {

  /** How many instances were closed: a test reads it to see {@code close()} ran on shutdown. */
  static final AtomicInteger CLOSED = new AtomicInteger();

  private KeyValueStore<String, Integer> store;
  private Counter words;
  private SystemStream output;
  private SystemStream windows;
  private TaskName taskName;
  private TaskModel taskModel;

  @Override
  @SuppressWarnings("unchecked")
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    output = new SystemStream("kafka", config.get("wordcount.output", "word-counts"));
    windows = new SystemStream("kafka", config.get("wordcount.windows", "word-count-windows"));
    store = (KeyValueStore<String, Integer>) context.getTaskContext().getStore("word-counts");
    words = context.getTaskContext().getTaskMetricsRegistry().newCounter(getClass().getName(), "words");
    taskModel = context.getTaskContext().getTaskModel();
    taskName = taskModel.getTaskName();
    if (!taskModel.equals(context.getContainerContext().getContainerModel().getTasks().get(taskName))) {
      throw new IllegalStateException("task " + taskName + " is not in its container's model");
    }
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    Partition partition = envelope.getSystemStreamPartition().getPartition();
    if (!taskModel.getSystemStreamPartitions().contains(envelope.getSystemStreamPartition())
        || partition.getPartitionId() != taskModel.getChangelogPartition().getPartitionId()) {
      throw new IllegalStateException("task " + taskName + " got a message of partition " + partition.getPartitionId()
          + ", not one of its own: " + taskModel);
    }
    String word = (String) envelope.getMessage();
    Integer count = store.get(word);
    count = count == null ? 1 : count + 1;
    store.put(word, count);
    words.inc();
    collector.send(new OutgoingMessageEnvelope(output, word, word + "=" + count));
  }

  @Override
  public void window(MessageCollector collector, TaskCoordinator coordinator) {
    collector.send(new OutgoingMessageEnvelope(windows, taskName.getTaskName(), String.valueOf(words.getCount())));
  }

  @Override
  public void close() {
    CLOSED.incrementAndGet();
  }
}
