package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.HarnessClients;
import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.workload.Kind;
import java.time.Duration;
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
 * Checks that a count workload did the work: reads its whole output and compares, for the sampled
 * keys, the final count and every per-window count with what the loader computed. Run on both
 * engines' outputs, it shows Strand and Kafka Streams produced the same results.
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
    Map<Long, Long> totals = new HashMap<>();
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
            totals.merge(key, Payloads.count(r.value()), Math::max);
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
      if (!same && differences++ < 3) {
        diff.append(" key ").append(key).append(": expected ")
            .append(kind == Kind.COUNT ? e.getValue() : expected.windows().get(key))
            .append(", got ").append(kind == Kind.COUNT ? totals.get(key) : windows.get(key)).append(';');
      }
    }
    return differences == 0 ? null : differences + " of " + expected.totals().size() + " sampled keys differ:" + diff;
  }

  private Properties props() {
    Properties p = HarnessClients.consumer(bootstrapServers);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    return p;
  }
}
