package io.strand.nexmark.engine;

import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.query.Query;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Decides when a run is complete, the same way for every engine: every end-of-input marker of
 * the query's inputs has been read ({@link EndOfInput}: {@link NexmarkTopics#PARTITIONS} per
 * input topic) and then the output topic's end offsets have not moved for the quiet period (and,
 * when the caller knows it, the output holds at least the expected number of records).
 * Polls every 20 ms until the markers are in, then every 50 ms.
 */
public final class RunMonitor {

  private RunMonitor() {
  }

  /**
   * When a run ended.
   *
   * @param firstNanos {@link System#nanoTime()} when the engine read its first record
   * @param endNanos when it wrote its last output record (or read its last marker, if later)
   * @param outputRecords records in the output topic (offsets, all partitions)
   */
  public record Completion(long firstNanos, long endNanos, long outputRecords) {

    /**
     * The timed window.
     *
     * @return end minus first, s
     */
    public double seconds() {
      return (endNanos - firstNanos) / 1e9;
    }
  }

  /**
   * Waits for the end of a run.
   *
   * @param bootstrapServers the brokers
   * @param query the query running
   * @param outputTopic its output topic
   * @param quiet how long the output must stay unchanged after the markers
   * @param timeout the longest wait
   * @param expectedOutputs output records there are at least (0 when unknown): the run does not end
   *     before the output has them, however long it was quiet
   * @param onFirstRecord called once, on this thread, soon after the engine read its first record
   * @return when it ended
   * @throws IllegalStateException on timeout (the message says which markers are missing)
   * @throws InterruptedException if interrupted
   */
  public static Completion await(String bootstrapServers, Query query, String outputTopic, Duration quiet,
      Duration timeout, long expectedOutputs, Runnable onFirstRecord) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = consumer.partitionsFor(outputTopic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(outputTopic, i.partition())).toList();
      boolean first = false;
      long lastOutput = -1;
      long lastGrowth = 0;
      while (true) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(query.id() + " did not end within " + timeout.toSeconds() + " s; markers read: "
              + query.inputs().stream().map(t -> t + "=" + EndOfInput.markers(t)).toList() + " of "
              + NexmarkTopics.PARTITIONS + " each; output records " + lastOutput + " of at least " + expectedOutputs);
        }
        if (!first && EndOfInput.firstNanos() != 0) {
          first = true;
          onFirstRecord.run();
        }
        boolean allMarkers = query.inputs().stream().allMatch(t -> EndOfInput.markers(t) >= NexmarkTopics.PARTITIONS);
        if (allMarkers) {
          long out = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
          long now = System.nanoTime();
          long since = Math.max(lastGrowth, EndOfInput.lastMarkerNanos());
          if (out != lastOutput) {
            lastOutput = out;
            lastGrowth = now;
          } else if (out >= expectedOutputs && now - since > quiet.toNanos()) {
            return new Completion(EndOfInput.firstNanos(), since, out);
          }
        }
        Thread.sleep(allMarkers ? 50 : 20);
      }
    }
  }
}
