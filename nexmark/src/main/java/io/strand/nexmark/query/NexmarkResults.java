package io.strand.nexmark.query;

import io.strand.nexmark.model.NexmarkJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a query's output topic into normalized results and compares two engines' results.
 *
 * <p>Normalized: each value is decoded into the query's result record
 * ({@link Query#resultType()}) and encoded again, so field order and number formatting do not
 * matter. A {@link Query.ResultKind#STREAM} query's results are the multiset of its values; a
 * {@link Query.ResultKind#TABLE} query's are the last value per key (a null value deletes the
 * key), each as {@code key -> value}.
 */
public final class NexmarkResults {

  private NexmarkResults() {
  }

  /**
   * An output topic's normalized results.
   *
   * @param query the query
   * @param topic the topic read
   * @param records records read (before normalization)
   * @param counts each normalized result and how often it occurs, sorted
   */
  public record Results(Query query, String topic, long records, Map<String, Integer> counts) {

    /**
     * Results in the multiset.
     *
     * @return the total count
     */
    public long size() {
      return counts.values().stream().mapToLong(Integer::longValue).sum();
    }
  }

  /**
   * Reads a topic from the beginning up to the end offsets it has when the read starts.
   *
   * @param bootstrapServers the brokers
   * @param topic the output topic
   * @param query the query that wrote it
   * @param timeout how long the whole read may take
   * @return the normalized results
   * @throws IllegalStateException if the topic does not exist or the read times out
   * @throws java.io.UncheckedIOException if a value is not the query's result JSON
   */
  public static Results read(String bootstrapServers, String topic, Query query, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("output topic " + topic + " does not exist");
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
      end.values().removeIf(o -> o == 0);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (!end.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " took longer than " + timeout.toSeconds()
              + " s; still to read: " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Long last = end.get(new TopicPartition(r.topic(), r.partition()));
          if (last != null && r.offset() < last) {
            records.add(r);
          }
        }
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
      return normalize(query, topic, records);
    }
  }

  /**
   * Normalizes records already read (in partition order).
   *
   * @param query the query that wrote them
   * @param topic the topic they came from
   * @param records the records
   * @return the normalized results
   * @throws java.io.UncheckedIOException if a value is not the query's result JSON
   */
  public static Results normalize(Query query, String topic, List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, Integer> counts = new TreeMap<>();
    if (query.kind() == Query.ResultKind.STREAM) {
      for (ConsumerRecord<byte[], byte[]> r : records) {
        if (r.value() != null) {
          counts.merge(canonical(query, r.value()), 1, Integer::sum);
        }
      }
    } else {
      Map<String, String> table = new LinkedHashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        String key = r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
          table.remove(key);
        } else {
          table.put(key, canonical(query, r.value()));
        }
      }
      table.forEach((k, v) -> counts.merge(k + " -> " + v, 1, Integer::sum));
    }
    return new Results(query, topic, records.size(), counts);
  }

  /**
   * Results computed elsewhere (e.g. {@link ReferenceResults}): a stream query's values.
   *
   * @param query the query
   * @param name what computed them
   * @param values result records
   * @return the normalized results
   */
  public static Results ofValues(Query query, String name, List<?> values) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Object v : values) {
      counts.merge(new String(NexmarkJson.write(v), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    return new Results(query, name, values.size(), counts);
  }

  /**
   * Results computed elsewhere: a table query's final rows.
   *
   * @param query the query
   * @param name what computed them
   * @param rows result records by key
   * @return the normalized results
   */
  public static Results ofTable(Query query, String name, Map<String, ?> rows) {
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach((k, v) -> counts.merge(k + " -> " + new String(NexmarkJson.write(v), StandardCharsets.UTF_8), 1,
        Integer::sum));
    return new Results(query, name, rows.size(), counts);
  }

  /**
   * The differences between two engines' results: each result whose count differs, as
   * {@code "<result>: <n> in <a>, <m> in <b>"}, in sorted order.
   *
   * @param a one engine's results
   * @param b another's
   * @param limit how many differences to list at most
   * @return the first differences; empty when the results are equal
   */
  public static List<String> differences(Results a, Results b, int limit) {
    Map<String, int[]> both = new TreeMap<>();
    a.counts().forEach((k, n) -> both.computeIfAbsent(k, x -> new int[2])[0] = n);
    b.counts().forEach((k, n) -> both.computeIfAbsent(k, x -> new int[2])[1] = n);
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, int[]> e : both.entrySet()) {
      int[] n = e.getValue();
      if (n[0] != n[1]) {
        if (diffs.size() == limit) {
          break;
        }
        diffs.add(e.getKey() + ": " + n[0] + " in " + a.topic() + ", " + n[1] + " in " + b.topic());
      }
    }
    return diffs;
  }

  /**
   * Counts the results whose count differs between two engines.
   *
   * @param a one engine's results
   * @param b another's
   * @return how many distinct results differ
   */
  public static long differenceCount(Results a, Results b) {
    Map<String, Integer> all = new HashMap<>(a.counts());
    b.counts().forEach((k, n) -> all.merge(k, -n, Integer::sum));
    return all.values().stream().filter(n -> n != 0).count();
  }

  private static String canonical(Query query, byte[] value) {
    return new String(NexmarkJson.write(NexmarkJson.read(value, query.resultType())), StandardCharsets.UTF_8);
  }
}
