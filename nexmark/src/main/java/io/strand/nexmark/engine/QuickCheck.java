package io.strand.nexmark.engine;

import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.generator.NexmarkGenerator;
import io.strand.nexmark.generator.NexmarkTopicAdmin;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.query.NexmarkResults;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.ReferenceResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick check of an engine, in one JVM (the engine in-process): a small generation, then each
 * query run to its end ({@link RunMonitor}) and its output compared with the model answer
 * ({@link ReferenceResults}). Engines that all equal the model answer agree with each other, so
 * each engine module's test checks its own engine this way, on its own class path.
 */
public final class QuickCheck {

  private static final Logger LOG = LoggerFactory.getLogger(QuickCheck.class);

  /**
   * The quick generation: 40 s of event time at 2 ms per event (4 tumbling windows), starting an
   * hour before the JVM started (on a 10 s boundary), so a test broker's default time retention
   * keeps it.
   */
  public static final GeneratorConfig QUICK = new GeneratorConfig(20_000, 19,
      (System.currentTimeMillis() - 3_600_000) / 10_000 * 10_000, 2_000, 0);

  /** Output unchanged this long after the last marker: the run is over. */
  private static final Duration QUIET = Duration.ofMillis(Long.getLong("nexmark.quick.quiet.ms", 500));
  /** How long a run whose results still differ is given to settle after the first quiet pause. */
  private static final Duration SETTLE = Duration.ofSeconds(20);
  /** The quiet pause while settling: longer than a stall on a loaded machine. */
  private static final Duration SETTLE_QUIET = Duration.ofSeconds(3);

  /** How long one generation attempt's sends may take before it is given up and started again. */
  private static final Duration GENERATION_DELIVERY = Duration.ofSeconds(120);
  private static final int GENERATION_ATTEMPTS = 2;

  /** The longest run (generous: the machine may be loaded; a healthy run takes seconds). */
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  private QuickCheck() {
  }

  /**
   * One query's outcome.
   *
   * @param query the query
   * @param seconds from the first record read to the end of the output, s
   * @param results the engine's normalized results
   * @param differences the first differences from the model answer (empty: equal)
   */
  public record Outcome(Query query, double seconds, NexmarkResults.Results results, List<String> differences) {
  }

  /**
   * Writes the quick generation to the input topics (recreated).
   *
   * @param bootstrapServers the brokers
   * @param config the generation
   * @return every event, for the model answer
   * @throws InterruptedException if interrupted
   */
  public static List<Event> generate(String bootstrapServers, GeneratorConfig config) throws InterruptedException {
    return generate(bootstrapServers, config, EventFormat.JSON);
  }

  /**
   * Writes a generation to the input topics (recreated) in a value format. If sends are not
   * acknowledged within 120 s, recreates the topics and writes it once more.
   *
   * @param bootstrapServers the brokers
   * @param config the generation
   * @param format the values' format
   * @return every event, for the model answer
   * @throws InterruptedException if interrupted
   */
  public static List<Event> generate(String bootstrapServers, GeneratorConfig config, EventFormat format)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try (Admin admin = admin(bootstrapServers)) {
        NexmarkTopicAdmin.recreateInputs(admin);
      }
      Properties producerProperties = NexmarkGenerator.producerProperties(bootstrapServers);
      producerProperties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(GENERATION_DELIVERY.toMillis()));
      // One request in flight as well as the topics' readiness check (NexmarkTopicAdmin): a Kafka 4.4
      // broker that refuses a first produce to a new partition (NOT_LEADER_OR_FOLLOWER) and accepts the
      // producer's next in-flight request there leaves the first one retrying with
      // OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms (KAFKA-15591, fixed in Kafka 4.5): a
      // 120 s stall of AvroInputTest in CI. The quick generation is small; its speed does not matter.
      producerProperties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
      try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties)) {
        NexmarkGenerator.generate(producer, config, System.nanoTime(), format);
        break;
      } catch (IllegalStateException e) {
        if (attempt == GENERATION_ATTEMPTS || !(e.getCause() instanceof TimeoutException)) {
          throw e;
        }
        // A backstop: sends to a just recreated topic stalled in CI until delivery.timeout.ms
        // (KAFKA-15591: reordered in-flight first produces; avoided now by the readiness check and
        // one request in flight). Fresh topics and a fresh producer recover; the first
        // attempt's records go.
        LOG.warn("Generation attempt {} of {} failed ({}); recreating the input topics and generating again",
            attempt, GENERATION_ATTEMPTS, e.getCause().getMessage());
      }
    }
    EventGenerator generator = new EventGenerator(config);
    List<Event> events = new ArrayList<>();
    for (long n = 0; n < config.events(); n++) {
      events.add(generator.event(n));
    }
    return events;
  }

  /**
   * Runs one query on an engine in this JVM and compares its output with the model answer.
   *
   * @param bootstrapServers the brokers
   * @param engine the engine
   * @param query the query
   * @param config the generation already written ({@link #generate})
   * @param events its events
   * @param workDir a directory for the engine's state
   * @return the outcome
   * @throws Exception if the engine fails or the run does not end within 180 s
   */
  public static Outcome check(String bootstrapServers, NexmarkEngine engine, Query query, GeneratorConfig config,
      List<Event> events, Path workDir) throws Exception {
    String output = query.outputTopic(engine.name());
    try (Admin admin = admin(bootstrapServers)) {
      NexmarkTopicAdmin.recreate(admin, List.of(output));
    }
    EndOfInput.reset();
    String runId = "quick-" + Long.toString(System.nanoTime(), 36);
    EngineSettings settings = new EngineSettings(bootstrapServers, runId, workDir.resolve(query.id() + "-" + runId), 1,
        EventGenerator.maxAuctionDurationMs(config));
    NexmarkResults.Results expected = ReferenceResults.compute(query, events);
    RunMonitor.Completion done;
    NexmarkResults.Results results;
    List<String> differences;
    NexmarkEngine.Running running = engine.start(query, settings);
    try {
      done = RunMonitor.await(bootstrapServers, query, output, QUIET, TIMEOUT, expected.size(), () -> { });
      // A pause of QUIET can be a stall (GC, a commit on a loaded machine) rather than the end: for
      // queries whose output holds updates (q3, q4) the record count says nothing about completeness.
      // So while the results differ, keep the engine running and look again until they stop changing.
      long deadline = System.nanoTime() + SETTLE.toNanos();
      results = NexmarkResults.read(bootstrapServers, output, query, Duration.ofSeconds(30));
      differences = NexmarkResults.differences(expected, results, 5);
      while (!differences.isEmpty() && System.nanoTime() < deadline) {
        done = RunMonitor.await(bootstrapServers, query, output, SETTLE_QUIET, TIMEOUT, expected.size(), () -> { });
        NexmarkResults.Results again = NexmarkResults.read(bootstrapServers, output, query, Duration.ofSeconds(30));
        if (again.equals(results)) {
          break;
        }
        results = again;
        differences = NexmarkResults.differences(expected, results, 5);
      }
    } finally {
      running.close();
    }
    return new Outcome(query, done.seconds(), results, differences);
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }
}
