package io.strand.streams.internal.runtime;

import io.strand.config.Config;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.SystemStreamPartition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the store of a table read from its own topic ({@code StreamGraph#table}): the topic is
 * the store's changelog (no second copy, as Kafka Streams' source-topic reuse), so the task reads
 * its partition from the oldest offset up to the offset its input resumes at, copying keys and
 * values as they are (the store holds them serialized with the topic's serdes). The task's
 * checkpoint is then the only offset the table's state depends on: the state after a crash is
 * exactly the state at the last commit, and the records after it are processed again in order.
 *
 * <p>The consumer is made from the system's {@code consumer.*} settings; it reads committed
 * records only under exactly-once, as the input consumer does.
 *
 * <p>Threading: called from the task's thread during {@code init}.
 */
final class SourceTableRestore {

  private static final Logger LOG = LoggerFactory.getLogger(SourceTableRestore.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long STALL_MS = 120_000;

  private SourceTableRestore() {
  }

  /**
   * Fills the store from the partition's records before {@code upTo}.
   *
   * @param config the job config
   * @param ssp the table's partition of this task
   * @param upTo the offset the task's input resumes at (exclusive)
   * @param store the emptied store (a store without changelog is opened empty at every start)
   * @param task the task, for the log line
   * @return how many records were read
   * @throws IllegalStateException if the partition makes no progress for 2 minutes
   */
  static long restore(Config config, SystemStreamPartition ssp, long upTo, KeyValueStore<byte[], byte[]> store,
      String task) {
    long start = System.nanoTime();
    Map<String, Object> props = new HashMap<>();
    // The producer's connection settings, then the consumer's over them (as TopicSizes).
    for (String prefix : List.of(SystemConfig.PRODUCER_PREFIX, SystemConfig.CONSUMER_PREFIX)) {
      config.subset(SystemConfig.systemKey(ssp.getSystem(), prefix)).asMap().forEach((k, v) -> {
        if (ConsumerConfig.configNames().contains(k)) {
          props.put(k, v);
        }
      });
    }
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "strand-streams-table-restore");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if ("exactly-once".equals(config.get(TaskConfig.TASK_DELIVERY_GUARANTEE, "").toLowerCase(Locale.ROOT))) {
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
    TopicPartition tp = new TopicPartition(ssp.getStream(), ssp.getPartition().getPartitionId());
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long lastProgress = System.currentTimeMillis();
      long position = consumer.position(tp);
      while (position < upTo) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (r.offset() >= upTo) {
            break;
          }
          records++;
          if (r.key() == null) {
            continue;
          }
          if (r.value() == null) {
            store.delete(r.key());
          } else {
            store.put(r.key(), r.value());
          }
        }
        long now = System.currentTimeMillis();
        long next = consumer.position(tp);
        if (next > position) {
          position = next;
          lastProgress = now;
        } else if (now - lastProgress > STALL_MS) {
          throw new IllegalStateException("restoring table topic '" + ssp.getStream() + "' partition "
              + tp.partition() + " for task '" + task + "': no progress at offset " + position + " for "
              + STALL_MS + " ms while reading up to offset " + upTo);
        }
      }
    }
    LOG.debug("Task '{}': restored table {} from its topic, {} record(s) up to offset {} in {} ms", task, ssp,
        records, upTo, (System.nanoTime() - start) / 1_000_000);
    return records;
  }
}
