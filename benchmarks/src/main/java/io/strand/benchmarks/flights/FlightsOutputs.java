package io.strand.benchmarks.flights;

import io.strand.benchmarks.data.HarnessClients;
import io.strand.samples.flights.AirportDelayTotal;
import io.strand.samples.flights.AirportHourlyDelay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What one flights run wrote, read back: its {@code final=true} totals and its hourly records, each
 * as a multiset (record → times seen), and how many running ({@code final=false}) totals it sent.
 * Running totals depend on when an engine commits or windows, so only finals and hours are compared
 * ({@link #differences}); each record must sit under its own key.
 *
 * <p>Threading: immutable once read.
 *
 * @param finals final totals, with how often each was sent
 * @param hourly hourly records, with how often each was sent
 * @param runningTotals {@code final=false} records sent
 * @param misKeyed records whose Kafka key is not the record's own key
 */
public record FlightsOutputs(Map<AirportDelayTotal, Integer> finals, Map<AirportHourlyDelay, Integer> hourly,
    long runningTotals, long misKeyed) {

  private static final int SHOWN = 5;

  /**
   * Reads a run's two output topics to their end.
   *
   * @param bootstrapServers the broker
   * @param totalsTopic the totals topic
   * @param hourlyTopic the hourly topic
   * @return what they hold
   */
  public static FlightsOutputs read(String bootstrapServers, String totalsTopic, String hourlyTopic) {
    Map<AirportDelayTotal, Integer> finals = new HashMap<>();
    Map<AirportHourlyDelay, Integer> hourly = new HashMap<>();
    long[] running = {0};
    long[] misKeyed = {0};
    readAll(bootstrapServers, totalsTopic, (key, value) -> {
      AirportDelayTotal t = JacksonSerde.read(value, AirportDelayTotal.class);
      misKeyed[0] += t.airport().equals(key) ? 0 : 1;
      if (t.finalRecord()) {
        finals.merge(t, 1, Integer::sum);
      } else {
        running[0]++;
      }
    });
    readAll(bootstrapServers, hourlyTopic, (key, value) -> {
      AirportHourlyDelay h = JacksonSerde.read(value, AirportHourlyDelay.class);
      misKeyed[0] += h.key().equals(key) ? 0 : 1;
      hourly.merge(h, 1, Integer::sum);
    });
    return new FlightsOutputs(finals, hourly, running[0], misKeyed[0]);
  }

  /** @return final records, duplicates included */
  public long finalRecords() {
    return finals.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** @return hourly records, duplicates included */
  public long hourlyRecords() {
    return hourly.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** @return flights counted in the final totals */
  public long flightsInFinals() {
    return finals.entrySet().stream().mapToLong(e -> e.getKey().flights() * e.getValue()).sum();
  }

  /** @return flights counted in the hourly records */
  public long flightsInHours() {
    return hourly.entrySet().stream().mapToLong(e -> e.getKey().flights() * e.getValue()).sum();
  }

  /**
   * What a run must hold on its own: one final record per airport, flights counted once in the
   * finals, every record under its own key.
   *
   * @param expectedFlights flights loaded
   * @return what is wrong, empty when nothing
   */
  public List<String> problems(long expectedFlights) {
    List<String> p = new ArrayList<>();
    if (finals.isEmpty()) {
      p.add("no final totals");
    }
    if (flightsInFinals() != expectedFlights) {
      p.add("the final totals count " + flightsInFinals() + " flights, " + expectedFlights + " were loaded");
    }
    long airports = finals.keySet().stream().map(AirportDelayTotal::airport).distinct().count();
    if (airports != finalRecords()) {
      p.add(finalRecords() + " final records for " + airports + " airports");
    }
    if (misKeyed > 0) {
      p.add(misKeyed + " records not under their own key");
    }
    return p;
  }

  /**
   * The first differences between two runs' final totals and hourly records, as multisets.
   *
   * @param reference the run compared with
   * @return "missing"/"extra" lines (at most a few of each kind, then how many in all), empty when equal
   */
  public List<String> differences(FlightsOutputs reference) {
    List<String> d = new ArrayList<>();
    diff("final total", reference.finals, finals, d);
    diff("hourly record", reference.hourly, hourly, d);
    return d;
  }

  private static <T> void diff(String what, Map<T, Integer> expected, Map<T, Integer> actual, List<String> out) {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    int missingCount = 0;
    int extraCount = 0;
    for (Map.Entry<T, Integer> e : expected.entrySet()) {
      int n = e.getValue() - actual.getOrDefault(e.getKey(), 0);
      if (n > 0) {
        missingCount += n;
        if (missing.size() < SHOWN) {
          missing.add("missing " + what + (n > 1 ? " x" + n : "") + ": " + e.getKey());
        }
      }
    }
    for (Map.Entry<T, Integer> e : actual.entrySet()) {
      int n = e.getValue() - expected.getOrDefault(e.getKey(), 0);
      if (n > 0) {
        extraCount += n;
        if (extra.size() < SHOWN) {
          extra.add("extra " + what + (n > 1 ? " x" + n : "") + ": " + e.getKey());
        }
      }
    }
    if (missingCount + extraCount > 0) {
      out.add(missingCount + " " + what + "s missing, " + extraCount + " extra");
      out.addAll(missing);
      out.addAll(extra);
    }
  }

  private static void readAll(String bootstrapServers, String topic, BiConsumer<String, byte[]> each) {
    Properties props = HarnessClients.consumer(bootstrapServers);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          each.accept(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value());
        }
      }
    }
  }
}
