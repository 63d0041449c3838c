package io.strand.samples.flights;

import io.strand.changelog.topic.PartitionReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of the flights sample, created when missing.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class FlightTopics {

  /** Input: one record per flight, keyed by origin. */
  public static final String FLIGHTS = "flights";
  /** Input: the airports table, compacted, keyed by IATA code. */
  public static final String AIRPORTS = "airports";
  /** Lines the job could not read, as they were. */
  public static final String FLIGHTS_DLQ = "flights-dlq";
  /** Output: running and final totals per airport. */
  public static final String TOTALS = "airport-delay-totals";
  /** Output: one record per airport-hour. */
  public static final String HOURLY = "airport-hourly-delays";
  /** Partitions of {@link #FLIGHTS}, so of tasks. */
  public static final int FLIGHT_PARTITIONS = 8;

  private static final long TIMEOUT_S = 60;

  private FlightTopics() {
  }

  /**
   * Creates the two input topics when missing.
   *
   * @param admin an admin client
   * @param flightPartitions partitions of {@link #FLIGHTS}
   */
  public static void createInputs(Admin admin, int flightPartitions) {
    create(admin, List.of(new NewTopic(FLIGHTS, flightPartitions, (short) 1),
        compacted(new NewTopic(AIRPORTS, 1, (short) 1))));
  }

  /**
   * Creates the job's output and dead-letter topics when missing.
   *
   * @param admin an admin client
   * @param partitions partitions of each output
   */
  public static void createOutputs(Admin admin, int partitions) {
    create(admin, List.of(new NewTopic(FLIGHTS_DLQ, 1, (short) 1), new NewTopic(TOTALS, partitions, (short) 1),
        new NewTopic(HOURLY, partitions, (short) 1)));
  }

  private static NewTopic compacted(NewTopic topic) {
    return topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  private static void create(Admin admin, List<NewTopic> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (NewTopic t : topics) {
        if (!existing.contains(t.name())) {
          missing.add(t);
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Integer> partitions = new HashMap<>();
        missing.forEach(t -> partitions.put(t.name(), t.numPartitions()));
        // Producing to a partition its leader does not serve yet can stall an idempotent producer.
        PartitionReadiness.awaitServed(admin, partitions, Duration.ofSeconds(TIMEOUT_S));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics " + topics, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + topics + ": " + e.getMessage(), e);
    }
  }
}
