package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.changelog.topic.PartitionReadiness;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kafka.KafkaTestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConnectionsApp} on the real flights: the connections per airport and hour equal those
 * counted here from the CSV without Strand, each airport-hour emitted once. The input is the file's
 * first lines, the flights of 1 January 2001 and the first hours of the 2nd, and the hours checked
 * are those of the 1st (connections leaving that day: about 14,000 flights, some 440,000
 * connections); the whole month makes about 16 million connections, too slow for a test on a shared
 * CI machine.
 */
class ConnectionsAppTest {

  private static final long JOB_TIMEOUT_MS = 300_000;
  private static final String DAY = "2001-01-01";
  /**
   * Flights are loaded up to here: the first hours of the next day move the watermark past the end
   * of the day's last hour plus the grace, so every hour of the day closes (the job reads a
   * repartition topic, which has no end, so the job does not end by itself).
   */
  private static final String UNTIL = "2001-01-02 04:00";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafkaBroker broker;

  @TempDir
  Path stateDir;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void connectionsPerAirportAndHourEqualThoseCountedFromTheCsv() throws Exception {
    List<Flight> loaded = flightsBefore(UNTIL);
    Map<String, Long> truth = new TreeMap<>(connections(loaded));
    truth.keySet().removeIf(k -> !k.contains("|" + DAY + " "));
    long total = truth.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(total > 100_000, "a real workload: " + total);

    String bootstrap = broker.bootstrapServers();
    try (Admin admin = new KafkaTestClient(bootstrap).admin()) {
      admin.createTopics(List.of(new NewTopic("airport-connections", FlightTopics.FLIGHT_PARTITIONS, (short) 1)))
          .all().get();
      // Until the leader accepts writes (KAFKA-15591: a refused first produce can stall until its delivery timeout).
      PartitionReadiness.awaitServed(admin, Map.of("airport-connections", FlightTopics.FLIGHT_PARTITIONS),
          Duration.ofSeconds(60));
    }
    FlightsLoader.Options options = FlightsLoader.Options.of(DataFiles.defaultDir());
    LoadResult load = FlightsLoader.load(bootstrap, new FlightsLoader.Options(options.dataDir(),
        options.flightPartitions(), List.of(), loaded.size()));
    assertEquals(loaded.size(), load.flightRecords());

    long began = System.nanoTime();
    StreamJob job = new ThreadJobFactory().getJob(ApplicationLoader.resolve(
        JobProperties.fromClasspath("connections-app.properties")
            .withOverrides(JobProperties.localBoundedRun(bootstrap, stateDir))));
    job.submit();
    KafkaTestClient client = new KafkaTestClient(bootstrap);
    Map<String, Long> emitted = new TreeMap<>();
    long deadline = System.currentTimeMillis() + JOB_TIMEOUT_MS;
    try {
      while (!emitted.keySet().containsAll(truth.keySet()) && System.currentTimeMillis() < deadline) {
        assertEquals(JobStatus.State.RUNNING, job.waitForFinish(1000).state(), "the job runs");
        emitted.clear();
        for (ConsumerRecord<byte[], byte[]> r : client.readAllBytes("airport-connections")) {
          AirportHourlyConnections c = JSON.readValue(r.value(), AirportHourlyConnections.class);
          assertEquals(c.key(), new String(r.key(), StandardCharsets.UTF_8));
          assertNull(emitted.put(c.key(), c.connections()), "airport-hour " + c.key() + " emitted once");
        }
      }
    } finally {
      job.kill();
      job.waitForFinish(30_000);
    }
    System.out.printf("connections, %s: %d flights loaded, %d airport-hours, %d connections in %d ms%n", DAY,
        loaded.size(), truth.size(), total, (System.nanoTime() - began) / 1_000_000);
    emitted.keySet().removeIf(k -> !k.contains("|" + DAY + " "));
    assertEquals(truth, emitted);
  }

  /** The file's flights before a time, its first lines (the file is in time order). */
  private static List<Flight> flightsBefore(String until) throws IOException {
    List<Flight> flights = new ArrayList<>();
    Path file = DataFiles.require(DataFiles.defaultDir(), DataFiles.FLIGHTS_FILE);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      in.readLine();
      String line;
      while ((line = in.readLine()) != null && line.compareTo(until) < 0) {
        flights.add(FlightCsv.parse(line));
      }
    }
    return flights;
  }

  /**
   * For each flight into an airport, the flights out of it whose scheduled departure is 1 to 3 hours
   * (inclusive) after its own, counted per airport and hour of that departure.
   */
  private static Map<String, Long> connections(List<Flight> flights) {
    Map<String, List<Long>> departures = new HashMap<>();
    for (Flight f : flights) {
      departures.computeIfAbsent(f.origin(), k -> new ArrayList<>()).add(HourBuckets.eventTimeMs(f.departure()));
    }
    Map<String, Long> counts = new TreeMap<>();
    for (Flight in : flights) {
      long t = HourBuckets.eventTimeMs(in.departure());
      for (long out : departures.getOrDefault(in.destination(), List.of())) {
        if (out >= t + ConnectionsApp.MIN_CONNECTION_MS && out <= t + ConnectionsApp.MAX_CONNECTION_MS) {
          counts.merge(HourBuckets.outputKey(in.destination(), HourBuckets.label(HourBuckets.hourStartMs(out))), 1L,
              Long::sum);
        }
      }
    }
    return counts;
  }
}
