package io.strand.benchmarks.data;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the changelog an uncached count of the input would write: for every input record, in
 * input order per partition, one record into the same partition of the changelog topic with the
 * input's key and timestamp and the key's running count as value (8-byte big-endian long:
 * Strand's {@code long} serde and Kafka's {@code LongSerializer} agree on it). Both engines'
 * restores replay this one topic, so they rebuild the same state from the same records.
 *
 * <p>Threading: one call at a time; the producer's callbacks only record the first error.
 */
public final class CountChangelog {

  private static final Logger LOG = LoggerFactory.getLogger(CountChangelog.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;

  /** @param bootstrapServers the broker */
  public CountChangelog(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Reads the whole input and writes its count changelog, waiting for every ack.
   *
   * @param input the loaded input topic
   * @param changelog an existing, empty topic with at least the input's partitions
   * @return records written (= input records)
   * @throws IllegalStateException if a send fails
   */
  public long write(String input, String changelog) {
    long began = System.nanoTime();
    Map<Long, Long> counts = new HashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long written = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps());
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(HarnessClients.loader(bootstrapServers, true))) {
      List<TopicPartition> partitions = consumer.partitionsFor(input).stream()
          .map(p -> new TopicPartition(input, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (failure.get() == null && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          long count = counts.merge(Payloads.keyId(r.key()), 1L, Long::sum);
          // A key lives in one input partition, so its counts appear in order in one changelog partition.
          producer.send(new ProducerRecord<>(changelog, r.partition(), r.timestamp(), r.key(), Payloads.key(count)),
              (md, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              });
          written++;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("writing " + changelog + " failed: " + failure.get(), failure.get());
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    LOG.info("Wrote the count changelog {} of {}: {} records, {} keys, in {} s", changelog, input, written,
        counts.size(), String.format("%.1f", seconds));
    return written;
  }

  private Properties consumerProps() {
    Properties p = HarnessClients.consumer(bootstrapServers);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
    return p;
  }
}
