package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.HarnessClients;
import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.workload.Kind;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Checks that a count workload did the work: reads its whole output ({@code read_committed}, so an
 * exactly-once workload's aborted records never count) and compares, for the sampled keys, the
 * final count and every per-window count with what the loader computed. Run on every engine's
 * output, it shows Strand, Kafka Streams and the raw loop produced the same results. For an
 * exactly-once count it also checks each sampled key's outputs are its counts 1, 2, ..., n, each
 * exactly once.
 *
 * <p>Threading: one call at a time.
 */
final class OutputCheck {

  private final String bootstrapServers;

  OutputCheck(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * @param topic the count or windowed output topic
   * @param kind COUNT or WINDOWED
   * @param expected the loader's expectation
   * @return null when every sampled count matches, else what differs (the first few)
   */
  String check(String topic, Kind kind, Expected expected) {
    return check(topic, kind, expected, false);
  }

  /**
   * @param topic the count or windowed output topic
   * @param kind COUNT or WINDOWED
   * @param expected the loader's expectation
   * @param exactlyOnce true to also require, for a COUNT, every count 1..n of a sampled key exactly once
   * @return null when every sampled count matches, else what differs (the first few)
   */
  String check(String topic, Kind kind, Expected expected, boolean exactlyOnce) {
    Map<Long, Long> totals = new HashMap<>();
    Map<Long, BitSet> seen = new HashMap<>();
    Map<Long, Long> outputs = new HashMap<>();
    Map<Long, Map<Long, Long>> windows = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props())) {
      List<TopicPartition> partitions = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          long key = Payloads.keyId(r.key());
          if (!expected.totals().containsKey(key)) {
            continue;
          }
          if (kind == Kind.COUNT) {
            long count = Payloads.count(r.value());
            totals.merge(key, count, Math::max);
            outputs.merge(key, 1L, Long::sum);
            seen.computeIfAbsent(key, k -> new BitSet()).set((int) count);
          } else {
            windows.computeIfAbsent(key, k -> new TreeMap<>())
                .merge(Payloads.windowStart(r.value()), Payloads.windowCount(r.value()), Math::max);
          }
        }
      }
    }
    StringBuilder diff = new StringBuilder();
    int differences = 0;
    for (Map.Entry<Long, Long> e : expected.totals().entrySet()) {
      long key = e.getKey();
      boolean same = kind == Kind.COUNT
          ? e.getValue().equals(totals.getOrDefault(key, 0L))
          : expected.windows().get(key).equals(windows.getOrDefault(key, Map.of()));
      if (same && exactlyOnce && kind == Kind.COUNT) {
        long n = e.getValue();
        BitSet counts = seen.getOrDefault(key, new BitSet());
        if (outputs.getOrDefault(key, 0L) != n || counts.cardinality() != n || counts.nextClearBit(1) != n + 1) {
          if (differences++ < 3) {
            diff.append(" key ").append(key).append(": ").append(outputs.getOrDefault(key, 0L))
                .append(" outputs holding ").append(counts.cardinality()).append(" distinct counts, expected 1..")
                .append(n).append(" once each;");
          }
        }
        continue;
      }
      if (!same && differences++ < 3) {
        diff.append(" key ").append(key).append(": expected ")
            .append(kind == Kind.COUNT ? e.getValue() : expected.windows().get(key))
            .append(", got ").append(kind == Kind.COUNT ? totals.get(key) : windows.get(key)).append(';');
      }
    }
    return differences == 0 ? null : differences + " of " + expected.totals().size() + " sampled keys differ:" + diff;
  }

  /**
   * @param topic a topic
   * @return its records a {@code read_committed} reader sees (a transactional topic's end offsets
   *     also count its commit markers)
   */
  long committedRecords(String topic) {
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props())) {
      List<TopicPartition> partitions = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        records += c.poll(Duration.ofMillis(200)).count();
      }
    }
    return records;
  }

  private Properties props() {
    Properties p = HarnessClients.consumer(bootstrapServers);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }
}
