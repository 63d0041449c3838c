package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kafka.KafkaTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job survives a crash: one container JVM of the process runner is killed with SIGKILL
 * mid-run; the runner restarts it, its stores are restored from their changelogs, and the final
 * totals of every airport (and the last record of every checked hour) are still exactly the values
 * computed from the CSV. Outputs before the final ones may repeat (at-least-once); final values
 * may not differ.
 */
class FlightDelayRecoveryIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HOURLY_CHECKED = Set.of("ORD", "ATL", "DUT");

  @TempDir
  Path stateDir;

  @Test
  void aContainerKilledMidRunIsRestartedAndTheFinalTotalsAreUnchanged() throws Exception {
    Path data = DataFiles.defaultDir();
    CsvExpectations expected = CsvExpectations.compute(DataFiles.require(data, DataFiles.FLIGHTS_FILE), HOURLY_CHECKED);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults())) {
      String bootstrap = broker.bootstrapServers();
      KafkaTestClient client = new KafkaTestClient(bootstrap);
      try (Admin admin = client.admin()) {
        FlightTopics.createOutputs(admin, FlightTopics.FLIGHT_PARTITIONS);
      }
      FlightsLoader.load(bootstrap, FlightsLoader.Options.of(data));

      Config config = JobProperties.fromClasspath("flight-delays.properties")
          .withOverrides(JobProperties.localBoundedRun(bootstrap, stateDir, FlightTopics.FLIGHTS, FlightTopics.AIRPORTS))
          .withOverrides(Map.of("job.factory.class", ProcessJobFactory.class.getName(), "job.container.count", "2",
              "task.commit.ms", "500", "task.window.ms", "2000", "task.opts", "-Xmx512m -XX:+UseSerialGC"));
      Files.createDirectories(stateDir.resolve("process"));
      ProcessJob job = new ProcessJobFactory().newJob(config);
      job.submit();

      // Well into the month (hours are emitted as event time passes them), but far from its end.
      client.consumeUntil(FlightTopics.HOURLY, records -> records.size() >= 5_000 || job.status().isFinished(),
          Duration.ofSeconds(120));
      assertEquals(JobStatus.RUNNING, job.status(), () -> "the job ended before the kill: " + log(job));
      ProcessHandle victim = job.containerProcess("0").orElseThrow();
      assertTrue(victim.destroyForcibly());
      victim.onExit().get(10, TimeUnit.SECONDS);

      assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(300_000), () -> log(job));
      assertEquals(2, job.starts("0"), "container 0 was restarted once");

      Map<String, AirportDelayTotal> lastFinal = new TreeMap<>();
      for (ConsumerRecord<byte[], byte[]> r : client.readAllBytes(FlightTopics.TOTALS)) {
        AirportDelayTotal t = JSON.readValue(r.value(), AirportDelayTotal.class);
        if (t.finalRecord()) {
          lastFinal.put(t.airport(), t);
        }
      }
      assertEquals(expected.totals.keySet(), lastFinal.keySet());
      expected.totals.forEach((airport, want) -> {
        AirportDelayTotal got = lastFinal.get(airport);
        assertEquals(new CsvExpectations.Stats(want.flights(), want.totalDelay(), want.delayed(), want.maxDelay()),
            new CsvExpectations.Stats(got.flights(), got.totalDelayMinutes(), got.delayedFlights(),
                got.maxDelayMinutes()), "final totals of " + airport + " after the restart");
      });

      Map<String, Map<String, AirportHourlyDelay>> lastHour = new TreeMap<>();
      for (ConsumerRecord<byte[], byte[]> r : client.readAllBytes(FlightTopics.HOURLY)) {
        AirportHourlyDelay h = JSON.readValue(r.value(), AirportHourlyDelay.class);
        if (HOURLY_CHECKED.contains(h.airport())) {
          lastHour.computeIfAbsent(h.airport(), k -> new TreeMap<>()).put(h.hour(), h);
        }
      }
      for (String airport : HOURLY_CHECKED) {
        Map<String, CsvExpectations.Stats> want = expected.hourly.get(airport);
        assertEquals(want.keySet(), lastHour.get(airport).keySet(), "hours of " + airport);
        want.forEach((hour, s) -> {
          AirportHourlyDelay h = lastHour.get(airport).get(hour);
          assertEquals(s, new CsvExpectations.Stats(h.flights(), h.totalDelayMinutes(), h.delayedFlights(),
              h.maxDelayMinutes()), airport + "|" + hour);
        });
      }
    }
  }

  static String log(ProcessJob job) {
    StringBuilder text = new StringBuilder();
    for (String id : new String[] {"0", "1"}) {
      try {
        text.append("\n--- container ").append(id).append('\n').append(Files.readString(job.logFile(id)));
      } catch (java.io.IOException e) {
        text.append("\n(no log for container ").append(id).append(')');
      }
    }
    return text.toString();
  }
}
