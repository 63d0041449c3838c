package io.strand.container.it;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointJson;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer kept open on a job's checkpoint topic ({@code read_committed}, as a restore reads
 * it), read incrementally: the newest checkpoint of each task seen so far. Replaces re-reading the
 * whole topic with a new consumer every 200 ms while a kill test waits for progress (a consumer's
 * start and the full read cost a loaded machine a good part of a core, and the pause between reads
 * delayed each kill).
 *
 * <p>The topic may not exist yet when the watch opens (the job creates it): the consumer then finds
 * nothing until it does. Threading: one thread.
 */
final class CheckpointWatch implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final Map<TaskName, Checkpoint> newest = new TreeMap<>();

  /**
   * Opens the consumer at the beginning of the job's checkpoint topic.
   *
   * @param config the job's config (its checkpoint system and job name and id)
   */
  CheckpointWatch(Config config) {
    CheckpointSettings settings = CheckpointSettings.fromConfig(config);
    KafkaSystems systems = new KafkaSystems(config);
    String topic;
    try (KafkaCheckpointManager manager = KafkaCheckpointManager.create(settings, systems,
        GroupByPartitionFactory.class.getName())) {
      topic = manager.topic();
    }
    partition = new TopicPartition(topic, 0);
    consumer = systems.get(settings.system()).newConsumer("checkpoint-watch-" + topic, Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"));
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /**
   * Reads the checkpoints written since the last call, waiting up to {@code wait} for the first.
   *
   * @param wait the longest to wait for new records
   * @return the newest checkpoint of each task so far (a copy)
   */
  Map<TaskName, Checkpoint> poll(Duration wait) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait).records(partition)) {
      if (r.key() == null) {
        continue;
      }
      CheckpointJson.Key key = CheckpointJson.readKey(r.key());
      if (!CheckpointJson.TYPE_CHECKPOINT.equals(key.type())) {
        continue;
      }
      TaskName task = new TaskName(key.task());
      if (r.value() == null) {
        newest.remove(task);
      } else {
        newest.put(task, CheckpointJson.readValue(task, r.value()));
      }
    }
    return new TreeMap<>(newest);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
