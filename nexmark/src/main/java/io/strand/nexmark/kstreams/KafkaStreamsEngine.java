package io.strand.nexmark.kstreams;

import io.strand.changelog.topic.PartitionReadiness;
import io.strand.nexmark.engine.EngineSettings;
import io.strand.nexmark.engine.NexmarkEngine;
import io.strand.nexmark.query.Query;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams engine of the Nexmark suite ({@code kstreams}): each query as a Kafka Streams
 * DSL topology ({@link KStreamsTopologies}) run by one {@link KafkaStreams} instance.
 *
 * <p>Event time: a record's event time is its event's {@code dateTime} ({@link EventTimeExtractor});
 * every windowed operator that reads input partitions directly has a grace of
 * {@code NexmarkSemantics.WATERMARK_LAG_MS}, so a window closes when the task's stream time (the
 * highest event time it has read) minus the lag passes the window's end: exactly when Flink's and
 * Strand's watermark (highest event time minus the lag) does. Operators behind a key change read
 * an {@link Exchange}, in event-time order, instead of a plain repartition topic; see there why.
 * Allowed lateness is 0 and no record is late, so the final results are the same multiset.
 */
public final class KafkaStreamsEngine implements NexmarkEngine {

  /**
   * How long a task waits for an empty input partition before processing the others out of
   * timestamp order, ms: longer than any run, so exchanges stay in order (the end-of-input markers
   * end every wait).
   */
  static final long MAX_TASK_IDLE_MS = Duration.ofHours(1).toMillis();
  /** Commit (and cache flush) interval, ms: short, so results leave within ~100 ms. */
  static final long COMMIT_INTERVAL_MS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsEngine.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Creates the engine (ServiceLoader). */
  public KafkaStreamsEngine() {
  }

  @Override
  public String name() {
    return KStreamsTopologies.ENGINE;
  }

  @Override
  public Running start(Query query, EngineSettings settings) throws Exception {
    String applicationId = "nexmark-kstreams-" + settings.runId() + "-" + query.id();
    KStreamsTopologies.Built built = KStreamsTopologies.build(query, applicationId + "-exchange");
    Properties props = properties(applicationId, settings, !built.exchangeTopics().isEmpty());
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
      createExchangeTopics(admin, built.exchangeTopics());
    }
    KafkaStreams streams = new KafkaStreams(built.topology(), props);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR) {
        running.countDown();
      }
    });
    streams.start();
    if (!running.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || streams.state() == KafkaStreams.State.ERROR) {
      streams.close(Duration.ofSeconds(30));
      throw new IllegalStateException("Kafka Streams did not reach RUNNING within " + START_TIMEOUT.toSeconds()
          + " s for " + query.id() + " (state " + streams.state() + ")");
    }
    LOG.info("Kafka Streams running {} as {} with {} stream thread(s)", query.id(), applicationId,
        settings.parallelism());
    return () -> stop(streams, settings, built.exchangeTopics());
  }

  /**
   * The Kafka Streams settings of a run.
   *
   * @param applicationId unique per run and query
   * @param settings the run's settings
   * @param exchanges whether the topology reads {@link Exchange}s
   * @return the properties
   */
  static Properties properties(String applicationId, EngineSettings settings, boolean exchanges) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, settings.workDir().resolve("kafka-streams").toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.parallelism());
    p.putAll(topologySettings(exchanges));
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  /**
   * The settings the topologies' semantics depend on (also given to the unit tests' driver). The
   * long task idling only where exchanges are read: elsewhere a task that reads a source topic and
   * an internal topic fed by another task (q3's foreign-key join) would wait an hour for it.
   *
   * @param exchanges whether the topology reads {@link Exchange}s
   * @return setting to value
   */
  static Map<String, Object> topologySettings(boolean exchanges) {
    return Map.of(
        StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class.getName(),
        StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, exchanges ? MAX_TASK_IDLE_MS : 0L,
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
  }

  private static void createExchangeTopics(Admin admin, List<Exchange.Topic> topics) throws Exception {
    if (topics.isEmpty()) {
      return;
    }
    // Event times may lie far in the past: time-based retention must not delete them.
    admin.createTopics(topics.stream().map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"))).toList()).all().get(60, TimeUnit.SECONDS);
    // Until every partition's leader accepts writes: an idempotent producer whose first request to a
    // new partition is refused there while its next one is accepted retries the first with
    // OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (KAFKA-15591, fixed in Kafka 4.5); seen
    // in the quick check as q11's Kafka Streams never reaching RUNNING.
    Map<String, Integer> partitions = new HashMap<>();
    topics.forEach(t -> partitions.put(t.name(), t.partitions()));
    PartitionReadiness.awaitServed(admin, partitions, Duration.ofSeconds(60));
  }

  private static void stop(KafkaStreams streams, EngineSettings settings, List<Exchange.Topic> topics) throws Exception {
    double dropped = streams.metrics().values().stream()
        .filter(m -> m.metricName().name().equals("dropped-records-total"))
        .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
    if (dropped > 0) {
      LOG.warn("Kafka Streams dropped {} records (late or undecodable): its results will differ", (long) dropped);
    }
    if (!streams.close(Duration.ofSeconds(60))) {
      throw new IllegalStateException("Kafka Streams did not stop within 60 s");
    }
    if (!topics.isEmpty()) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
        admin.deleteTopics(topics.stream().map(Exchange.Topic::name).toList()).all().get(60, TimeUnit.SECONDS);
      }
    }
  }
}
