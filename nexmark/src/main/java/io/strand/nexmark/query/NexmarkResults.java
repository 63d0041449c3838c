package io.strand.nexmark.query;

import io.strand.nexmark.model.NexmarkJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
   * @param counts each normalized result (or its digest) and how often it occurs
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
    return read(bootstrapServers, topic, query, timeout, Detail.TEXT);
  }

  /**
   * Reads a topic as {@link #read(String, String, Query, Duration)}, keeping each result as text or
   * only as a digest.
   *
   * @param bootstrapServers the brokers
   * @param topic the output topic
   * @param query the query that wrote it
   * @param timeout how long the whole read may take
   * @param detail text, or digests for large outputs
   * @return the normalized results
   * @throws IllegalStateException if the topic does not exist or the read times out
   * @throws java.io.UncheckedIOException if a value is not the query's result JSON
   */
  public static Results read(String bootstrapServers, String topic, Query query, Duration timeout, Detail detail) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    long deadline = System.nanoTime() + timeout.toNanos();
    Normalizer normalizer = new Normalizer(query, detail);
    long records = 0;
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
      while (!end.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " took longer than " + timeout.toSeconds()
              + " s; still to read: " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Long last = end.get(new TopicPartition(r.topic(), r.partition()));
          if (last != null && r.offset() < last) {
            normalizer.add(r.key(), r.value());
            records++;
          }
        }
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
    }
    return new Results(query, topic, records, normalizer.counts());
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
    Normalizer normalizer = new Normalizer(query, Detail.TEXT);
    records.forEach(r -> normalizer.add(r.key(), r.value()));
    return new Results(query, topic, records.size(), normalizer.counts());
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
    return ofValues(query, name, values, Detail.TEXT);
  }

  /**
   * Results computed elsewhere: a stream query's values, as text or digests.
   *
   * @param query the query
   * @param name what computed them
   * @param values result records
   * @param detail text or digests (as the results they are compared with)
   * @return the normalized results
   */
  public static Results ofValues(Query query, String name, List<?> values, Detail detail) {
    Map<String, Integer> counts = new HashMap<>();
    for (Object v : values) {
      counts.merge(detail.entry(new String(NexmarkJson.write(v), StandardCharsets.UTF_8)), 1, Integer::sum);
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
    return ofTable(query, name, rows, Detail.TEXT);
  }

  /**
   * Results computed elsewhere: a table query's final rows, as text or digests.
   *
   * @param query the query
   * @param name what computed them
   * @param rows result records by key
   * @param detail text or digests (as the results they are compared with)
   * @return the normalized results
   */
  public static Results ofTable(Query query, String name, Map<String, ?> rows, Detail detail) {
    Map<String, Integer> counts = new HashMap<>();
    rows.forEach((k, v) -> counts.merge(detail.entry(k + " -> " + new String(NexmarkJson.write(v),
        StandardCharsets.UTF_8)), 1, Integer::sum));
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
    Map<String, Integer> delta = new HashMap<>(a.counts());
    b.counts().forEach((k, n) -> delta.merge(k, -n, Integer::sum));
    TreeMap<String, Integer> differing = new TreeMap<>();
    delta.forEach((k, d) -> {
      if (d != 0) {
        differing.put(k, d);
      }
    });
    List<String> diffs = new ArrayList<>();
    for (String k : differing.keySet()) {
      if (diffs.size() == limit) {
        break;
      }
      diffs.add(k + ": " + a.counts().getOrDefault(k, 0) + " in " + a.topic() + ", " + b.counts().getOrDefault(k, 0)
          + " in " + b.topic());
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

  /** How much of each result is kept. */
  public enum Detail {
    /** The canonical JSON (with the key for tables): differences show the records. */
    TEXT,
    /**
     * A 64-bit digest (MD5's first 8 bytes, as {@code #<16 hex digits>}) of that text: for outputs of
     * millions of records; differences show digests only.
     */
    DIGEST;

    String entry(String text) {
      if (this == TEXT) {
        return text;
      }
      try {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return "#" + HexFormat.of().formatHex(md5, 0, 8);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JVM has no MD5", e);
      }
    }
  }

  /** Folds records into normalized results. */
  private static final class Normalizer {
    private final Query query;
    private final Detail detail;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, String> table = new HashMap<>();

    Normalizer(Query query, Detail detail) {
      this.query = query;
      this.detail = detail;
    }

    void add(byte[] key, byte[] value) {
      if (query.kind() == Query.ResultKind.STREAM) {
        if (value != null) {
          counts.merge(detail.entry(canonical(value)), 1, Integer::sum);
        }
        return;
      }
      String k = key == null ? "null" : new String(key, StandardCharsets.UTF_8);
      if (value == null) {
        table.remove(k);
      } else {
        table.put(k, canonical(value));
      }
    }

    Map<String, Integer> counts() {
      if (query.kind() == Query.ResultKind.TABLE) {
        Map<String, Integer> rows = new HashMap<>();
        table.forEach((k, v) -> rows.merge(detail.entry(k + " -> " + v), 1, Integer::sum));
        return rows;
      }
      return counts;
    }

    private String canonical(byte[] value) {
      return new String(NexmarkJson.write(NexmarkJson.read(value, query.resultType())), StandardCharsets.UTF_8);
    }
  }
}
