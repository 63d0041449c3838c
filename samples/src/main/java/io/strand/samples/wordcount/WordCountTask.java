package io.strand.samples.wordcount;

import io.strand.context.Context;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.task.WindowableTask;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts words, configured by {@code word-count.properties}: each input message is a line of text
 * ({@code string} serde); its words ({@link Words}) are counted in the changelogged store
 * {@code word-counts}. The counts of words seen since the last window go to {@value #OUTPUT}
 * (default {@code kafka.word-counts}) every {@code task.window.ms} ({@code final=false}), and
 * every word's count once at the end of the input ({@code final=true}).
 *
 * <p>A word may be counted by several tasks when lines are spread over partitions, so the final
 * count of a word is the sum of its final records; key the input by something stable to keep a
 * word in one task only if that matters.
 *
 * <p>Threading: the container calls one instance from one thread at a time; no locking needed.
 */
public final class WordCountTask implements StreamTask, InitableTask, WindowableTask, EndOfStreamListenerTask {

  /** Job property: where counts go, {@code system.stream}. */
  public static final String OUTPUT = "wordcount.output";
  /** The store's name, as in the properties file. */
  static final String STORE = "word-counts";

  private KeyValueStore<String, Long> counts;
  private SystemStream output;
  // Not durable on purpose: replayed input after a restart marks its words again.
  private final Set<String> changed = new HashSet<>();

  /** Created by the container through {@code task.class}. */
  public WordCountTask() {
  }

  @Override
  public void init(Context context) {
    counts = context.getTaskContext().getStore(STORE);
    output = SystemStream.parse(context.getJobContext().getConfig().get(OUTPUT, "kafka.word-counts"));
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    for (String word : Words.of((String) envelope.getMessage())) {
      Long current = counts.get(word);
      counts.put(word, current == null ? 1L : current + 1);
      changed.add(word);
    }
  }

  @Override
  public void window(MessageCollector collector, TaskCoordinator coordinator) {
    for (String word : changed) {
      collector.send(new OutgoingMessageEnvelope(output, word, new WordCount(word, counts.get(word), false)));
    }
    changed.clear();
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    try (KeyValueIterator<String, Long> it = counts.all()) {
      while (it.hasNext()) {
        Entry<String, Long> e = it.next();
        collector.send(new OutgoingMessageEnvelope(output, e.key(), new WordCount(e.key(), e.value(), true)));
      }
    }
    changed.clear();
    coordinator.shutdown(TaskCoordinator.RequestScope.CURRENT_TASK);
  }
}
