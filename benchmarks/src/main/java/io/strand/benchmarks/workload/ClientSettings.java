package io.strand.benchmarks.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client settings every engine runs with, so the comparison is of equal work. They are
 * Strand's own defaults ({@code io.strand.container.kafka.KafkaSystem}) but for {@code linger.ms}
 * (Strand's default is 20 ms since issue 17; the suite keeps the 5 ms its recorded results used),
 * set explicitly on every engine, Strand included (Kafka Streams' own defaults differ: e.g.
 * {@code linger.ms=100} for Streams' producer in 4.x, {@code max.poll.records=1000}). The report
 * prints them.
 *
 * <p>Latency runs use the same settings with the batching waits taken out
 * ({@link #latencyOverrides()}), again for every engine alike: throughput settings make each hop
 * wait for a fuller batch ({@code fetch.min.bytes=65536} up to {@code fetch.max.wait.ms=50},
 * {@code linger.ms=5}), which at a modest load is pure delay.
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

  /**
   * @param latency true for the latency runs
   * @return producer settings shared by all engines, with {@link #latencyOverrides()} applied when asked
   */
  public static Map<String, String> producer(boolean latency) {
    return latency ? overlay(overlay(producer(), LATENCY_PRODUCER), DIAGNOSTICS) : producer();
  }

  /**
   * @param latency true for the latency runs
   * @return consumer settings shared by all engines, with {@link #latencyOverrides()} applied when asked
   */
  public static Map<String, String> consumer(boolean latency) {
    return latency ? overlay(overlay(consumer(), LATENCY_CONSUMER), DIAGNOSTICS) : consumer();
  }

  /** @return what the latency runs change, as the report shows it */
  public static String latencyOverrides() {
    return "producer " + LATENCY_PRODUCER + ", consumer " + LATENCY_CONSUMER;
  }

  /**
   * The system property that sets the latency runs' producer compression ({@value #DEFAULT_LATENCY_COMPRESSION}
   * unless set; session 18 and before: {@code lz4}), read by each worker JVM.
   */
  public static final String LATENCY_COMPRESSION_PROPERTY = "benchmark.latency.compression";
  /**
   * Uncompressed since session 19: at {@code linger.ms=1} a batch holds a few records, so lz4 saves
   * nothing, but every lz4 batch allocates two 64 KiB block buffers; at 20 k records/s that was most
   * of a job's garbage (a young collection every 0.7 s) on a machine whose two cores the broker, the
   * harness and the job already fill. The load producer has sent uncompressed since session 17.
   */
  public static final String DEFAULT_LATENCY_COMPRESSION = "none";

  // fetch.min.bytes=1: the broker answers a fetch as soon as one record is there; the wait then
  // only bounds an idle fetch. linger.ms=1: a send goes out within a millisecond.
  private static final Map<String, String> LATENCY_PRODUCER = ordered("linger.ms", "1", "compression.type",
      System.getProperty(LATENCY_COMPRESSION_PROPERTY, DEFAULT_LATENCY_COMPRESSION));
  /**
   * The latency runs' interceptor ({@code io.strand.benchmarks.measure.JobHops}, named here so this
   * package does not depend on that one): where the time goes inside each engine's JVM. It does
   * nothing unless the job's JVM names its output file, and it changes no client behaviour.
   */
  public static final String JOB_HOPS_INTERCEPTOR = "io.strand.benchmarks.measure.JobHops";
  private static final Map<String, String> DIAGNOSTICS = Map.of("interceptor.classes", JOB_HOPS_INTERCEPTOR);
  private static final Map<String, String> LATENCY_CONSUMER = ordered("fetch.min.bytes", "1", "fetch.max.wait.ms", "10");

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, String> overlay(Map<String, String> base, Map<String, String> overrides) {
    Map<String, String> m = new LinkedHashMap<>(base);
    m.putAll(overrides);
    return m;
  }

  /** Commit interval of Strand ({@code task.commit.ms}) and Kafka Streams ({@code commit.interval.ms}), ms. */
  public static final long COMMIT_MS = 10_000;
}
