package io.strand.testkit.job;

import io.strand.context.Context;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;

/**
 * Counts words (split at whitespace) of each input line in store {@code counts} (string keys,
 * decimal string counts). Threading: one instance per task, run-loop thread only.
 */
public final class WordCountTask implements StreamTask, InitableTask {

  private KeyValueStore<String, String> counts;

  @Override
  public void init(Context context) {
    counts = context.getTaskContext().getStore("counts");
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    for (String word : ((String) envelope.getMessage()).trim().split("\\s+")) {
      if (!word.isEmpty()) {
        String count = counts.get(word);
        counts.put(word, String.valueOf(count == null ? 1 : Long.parseLong(count) + 1));
      }
    }
  }
}
