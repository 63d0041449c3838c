package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kafka.KafkaTestClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flights job started again after it ended: every task resumes from a checkpoint made after
 * its {@code onEndOfStream}, reads the airports table again from its start
 * ({@code samza.reset.offset=true}, a bootstrap stream) and finds no flight past its checkpoint,
 * so no final total is sent a second time. This is the state a container killed after some of
 * its tasks' ends, before the container's own end, restarts in (session 21: the exactly-once kill
 * test caught the finals of one task sent twice, because the table read again counted as new
 * input).
 */
class FlightDelayRerunIntegrationTest {

  private static final long JOB_TIMEOUT_MS = 300_000;
  /** The first flights of the file: enough for every task to see many airports, quick to run twice. */
  private static final long FLIGHTS = 40_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path stateDir;

  @Test
  void aJobStartedAgainAfterItsEndSendsNoFinalTotalTwice() throws Exception {
    Path data = DataFiles.defaultDir();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults())) {
      String bootstrap = broker.bootstrapServers();
      KafkaTestClient client = new KafkaTestClient(bootstrap);
      try (Admin admin = client.admin()) {
        FlightTopics.createOutputs(admin, FlightTopics.FLIGHT_PARTITIONS);
      }
      FlightsLoader.Options all = FlightsLoader.Options.of(data);
      FlightsLoader.load(bootstrap, new FlightsLoader.Options(data, all.flightPartitions(), List.of(), FLIGHTS));
      Config config = JobProperties.fromClasspath("flight-delays.properties")
          .withOverrides(JobProperties.localBoundedRun(bootstrap, stateDir, FlightTopics.FLIGHTS, FlightTopics.AIRPORTS))
          .withOverrides(Map.of("job.container.count", "2"));

      run(config);
      Map<String, Integer> first = finalsPerAirport(client);
      assertFalse(first.isEmpty(), "the first run sent final totals");
      first.forEach((airport, n) -> assertEquals(1, n, "final totals of " + airport + " after the first run"));

      run(config);
      Map<String, Integer> second = finalsPerAirport(client);
      assertEquals(first.keySet(), second.keySet(), "airports with final totals after the second run");
      Map<String, Integer> repeated = new TreeMap<>(second);
      repeated.values().removeIf(n -> n == 1);
      assertEquals(Map.of(), repeated, "airports whose final totals were sent more than once");
    }
  }

  private static void run(Config config) {
    StreamJob job = new ThreadJobFactory().getJob(config);
    job.submit();
    assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(JOB_TIMEOUT_MS), "the job ran to the end of its input");
  }

  private static Map<String, Integer> finalsPerAirport(KafkaTestClient client) throws Exception {
    Map<String, Integer> finals = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : client.readAllBytes(FlightTopics.TOTALS)) {
      AirportDelayTotal t = JSON.readValue(r.value(), AirportDelayTotal.class);
      if (t.finalRecord()) {
        finals.merge(t.airport(), 1, Integer::sum);
      }
    }
    return finals;
  }
}
