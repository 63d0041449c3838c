package __PACKAGE__;

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

/**
 * Counts input messages per key. The count of each key lives in the store {@code counts}
 * (RocksDB, backed by a compacted changelog topic, so a restarted job resumes with it); every
 * message sends the key's new count to the output stream {@code kafka.counts}.
 *
 * <p>Threading: the container calls one instance from one thread at a time.
 */
public class CountTask implements StreamTask, InitableTask, EndOfStreamListenerTask {

  static final SystemStream OUTPUT = new SystemStream("kafka", "counts");

  private KeyValueStore<String, Long> counts;

  @Override
  public void init(Context context) {
    counts = context.getTaskContext().getStore("counts");
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    String key = (String) envelope.getKey();
    if (key == null) {
      return; // nothing to count under
    }
    Long previous = counts.get(key);
    long count = previous == null ? 1 : previous + 1;
    counts.put(key, count);
    collector.send(new OutgoingMessageEnvelope(OUTPUT, key, Long.toString(count)));
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    // A bounded input ended (systems.kafka.streams.<s>.strand.bounded=true): this task is done.
    coordinator.shutdown(TaskCoordinator.RequestScope.CURRENT_TASK);
  }
}
