package io.strand.benchmarks.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client settings every engine runs with, so the comparison is of equal work. They are
 * Strand's own defaults ({@code io.strand.container.kafka.KafkaSystem}), set explicitly on the raw
 * loop and on Kafka Streams (whose own defaults differ: e.g. {@code linger.ms=100} for Streams'
 * producer in 4.x, {@code max.poll.records=1000}). The report prints them.
 *
 * <p>Threading: stateless.
 */
public final class ClientSettings {

  private ClientSettings() {
  }

  /** @return producer settings shared by all engines */
  public static Map<String, String> producer() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("compression.type", "lz4");
    p.put("linger.ms", "5");
    p.put("batch.size", String.valueOf(256 * 1024));
    return p;
  }

  /** @return consumer settings shared by all engines */
  public static Map<String, String> consumer() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("max.poll.records", "10000");
    c.put("fetch.min.bytes", "65536");
    c.put("fetch.max.wait.ms", "50");
    c.put("max.partition.fetch.bytes", String.valueOf(4 * 1024 * 1024));
    return c;
  }

  /** Commit interval of Strand ({@code task.commit.ms}) and Kafka Streams ({@code commit.interval.ms}), ms. */
  public static final long COMMIT_MS = 10_000;
}
