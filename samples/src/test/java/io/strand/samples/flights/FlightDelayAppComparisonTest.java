package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.changelog.topic.PartitionReadiness;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kafka.KafkaTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlightDelayApp} (streams API) and {@link FlightDelayTask} (low-level task) on the whole
 * January 2001 file, one after the other on one broker: the same final totals of every airport and
 * the same hourly records, field for field. The app writes to topics of its own here (its
 * properties name the task's topics; the two runs must not mix).
 */
class FlightDelayAppComparisonTest {

  private static final long JOB_TIMEOUT_MS = 300_000;
  private static final String APP_TOTALS = "app-" + FlightTopics.TOTALS;
  private static final String APP_HOURLY = "app-" + FlightTopics.HOURLY;
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
  void theAppAndTheTaskGiveTheSameFinalTotalsAndHourlyRecordsOnTheWholeMonth() throws Exception {
    String bootstrap = broker.bootstrapServers();
    try (Admin admin = new KafkaTestClient(bootstrap).admin()) {
      FlightTopics.createOutputs(admin, FlightTopics.FLIGHT_PARTITIONS);
      admin.createTopics(java.util.List.of(new NewTopic(APP_TOTALS, FlightTopics.FLIGHT_PARTITIONS, (short) 1),
          new NewTopic(APP_HOURLY, FlightTopics.FLIGHT_PARTITIONS, (short) 1))).all().get();
      // Until the leaders accept writes (KAFKA-15591: a refused first produce can stall until its delivery timeout).
      PartitionReadiness.awaitServed(admin, Map.of(APP_TOTALS, FlightTopics.FLIGHT_PARTITIONS,
          APP_HOURLY, FlightTopics.FLIGHT_PARTITIONS), Duration.ofSeconds(60));
    }
    LoadResult load = FlightsLoader.load(bootstrap, FlightsLoader.Options.of(DataFiles.defaultDir()));
    assertEquals(508_239, load.flightRecords());

    long taskMs = run(JobProperties.fromClasspath("flight-delays.properties")
        .withOverrides(JobProperties.localBoundedRun(bootstrap, stateDir.resolve("task"), FlightTopics.FLIGHTS,
            FlightTopics.AIRPORTS)));
    long appMs = run(ApplicationLoader.resolve(JobProperties.fromClasspath("flight-delays-app.properties")
        .withOverrides(JobProperties.localBoundedRun(bootstrap, stateDir.resolve("app"), FlightTopics.FLIGHTS,
            FlightTopics.AIRPORTS))
        .withOverrides(Map.of(FlightDelayTask.TOTALS_OUTPUT, "kafka." + APP_TOTALS,
            FlightDelayTask.HOURLY_OUTPUT, "kafka." + APP_HOURLY))));
    System.out.printf("flights, January 2001: task %d ms, streams app %d ms%n", taskMs, appMs);

    KafkaTestClient client = new KafkaTestClient(bootstrap);
    Map<String, AirportDelayTotal> taskTotals = finals(client, FlightTopics.TOTALS);
    Map<String, AirportDelayTotal> appTotals = finals(client, APP_TOTALS);
    assertEquals(223, taskTotals.size());
    assertEquals(taskTotals, appTotals, "final totals");
    Map<String, AirportHourlyDelay> taskHours = hours(client, FlightTopics.HOURLY);
    Map<String, AirportHourlyDelay> appHours = hours(client, APP_HOURLY);
    assertEquals(taskHours.size(), appHours.size(), "airport-hours");
    assertEquals(taskHours, appHours, "hourly records");
  }

  private static long run(Config config) {
    long began = System.nanoTime();
    StreamJob job = new ThreadJobFactory().getJob(config);
    job.submit();
    assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(JOB_TIMEOUT_MS), config.get("job.name").orElse(""));
    return (System.nanoTime() - began) / 1_000_000;
  }

  private static Map<String, AirportDelayTotal> finals(KafkaTestClient client, String topic) throws IOException {
    Map<String, AirportDelayTotal> finals = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : client.readAllBytes(topic)) {
      AirportDelayTotal t = JSON.readValue(r.value(), AirportDelayTotal.class);
      assertEquals(t.airport(), new String(r.key(), StandardCharsets.UTF_8));
      if (t.finalRecord()) {
        assertNull(finals.put(t.airport(), t), topic + ": one final record of " + t.airport());
      }
    }
    return finals;
  }

  private static Map<String, AirportHourlyDelay> hours(KafkaTestClient client, String topic) throws IOException {
    Map<String, AirportHourlyDelay> hours = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : client.readAllBytes(topic)) {
      AirportHourlyDelay h = JSON.readValue(r.value(), AirportHourlyDelay.class);
      assertEquals(h.key(), new String(r.key(), StandardCharsets.UTF_8));
      assertNull(hours.put(h.key(), h), topic + ": hour " + h.key() + " sent once");
    }
    return hours;
  }
}
