package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.input.InputDecoder;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kafka.KafkaTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the main job: the whole January 2001 file, with a few malformed lines
 * injected, through the real container (local runner), a real broker and real RocksDB stores with
 * changelogs; every result is checked against values computed from the CSV in this test.
 *
 * <p>It has its own broker because the job's topic names are fixed by its properties file.
 */
class FlightDelayJobIntegrationTest {

  private static final long JOB_TIMEOUT_MS = 300_000;
  /** ORD and ATL, the busiest, and DUT (Dutch Harbor, 44 departures). */
  private static final Set<String> HOURLY_CHECKED = Set.of("ORD", "ATL", "DUT");
  /** Before the first line, in the middle, before the last line, and two past the end (appended). */
  private static final Long[] MALFORMED_AT = {0L, 1_234L, 250_000L, 508_238L, 600_000L, 600_001L};

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
  void theWholeMonthGivesTheTotalsAndHoursComputedFromTheCsvAndDeadLettersExactlyTheMalformedLines()
      throws IOException {
    Path data = DataFiles.defaultDir();
    CsvExpectations expected = CsvExpectations.compute(DataFiles.require(data, DataFiles.FLIGHTS_FILE), HOURLY_CHECKED);
    assertEquals(508_239, expected.lines);
    assertEquals(223, expected.totals.size());
    assertTrue(expected.sortedByDate, "the file is in date order, so no flight can be late for its hour");

    String bootstrap = broker.bootstrapServers();
    try (Admin admin = new KafkaTestClient(bootstrap).admin()) {
      FlightTopics.createOutputs(admin, FlightTopics.FLIGHT_PARTITIONS);
    }
    LoadResult load = FlightsLoader.load(bootstrap, FlightsLoader.Options.of(data).withMalformedAt(MALFORMED_AT));
    assertEquals(new LoadResult(508_239, 0, MALFORMED_AT.length, 3_376, load.elapsedMs()), load);

    Config config = JobProperties.fromClasspath("flight-delays.properties")
        .withOverrides(JobProperties.localBoundedRun(bootstrap, stateDir, FlightTopics.FLIGHTS, FlightTopics.AIRPORTS))
        // window() every 200 ms: the whole month takes about 1.5 s on a quiet machine, so a longer
        // interval may never fire before the end and the running totals would go untested.
        .withOverrides(Map.of("job.container.count", "2", "task.window.ms", "200"));
    long began = System.nanoTime();
    StreamJob job = new ThreadJobFactory().getJob(config);
    job.submit();
    JobStatus status = job.waitForFinish(JOB_TIMEOUT_MS);
    long jobMs = (System.nanoTime() - began) / 1_000_000;
    assertEquals(JobStatus.SUCCEEDED, status, "the job ran to the end of its input");
    System.out.printf("flight-delays: load %d ms, job %d ms (%.0f flights/s)%n", load.elapsedMs(), jobMs,
        load.flightRecords() * 1000.0 / jobMs);

    KafkaTestClient client = new KafkaTestClient(bootstrap);
    assertFinalTotals(expected, client.readAllBytes(FlightTopics.TOTALS));
    assertHours(expected, client.readAllBytes(FlightTopics.HOURLY));
    assertDeadLetters(client.readAllBytes(FlightTopics.FLIGHTS_DLQ));
  }

  private static void assertFinalTotals(CsvExpectations expected, List<ConsumerRecord<byte[], byte[]>> records)
      throws IOException {
    Map<String, AirportDelayTotal> finals = new TreeMap<>();
    Map<String, Integer> finalCount = new HashMap<>();
    int running = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      AirportDelayTotal t = JSON.readValue(r.value(), AirportDelayTotal.class);
      assertEquals(t.airport(), new String(r.key(), StandardCharsets.UTF_8), "keyed by airport code");
      if (t.finalRecord()) {
        finals.put(t.airport(), t);
        finalCount.merge(t.airport(), 1, Integer::sum);
      } else {
        running++;
      }
    }
    assertEquals(expected.totals.keySet(), finals.keySet(), "one final record for each of the 223 origins");
    finalCount.forEach((airport, n) -> assertEquals(1, n, "final records of " + airport));
    assertTrue(running > 0, "running totals were sent on window before the end");
    for (Map.Entry<String, CsvExpectations.Stats> e : expected.totals.entrySet()) {
      CsvExpectations.Stats want = e.getValue();
      AirportDelayTotal got = finals.get(e.getKey());
      String who = "final totals of " + e.getKey();
      assertEquals(want.flights(), got.flights(), who + ": flights");
      assertEquals(want.totalDelay(), got.totalDelayMinutes(), who + ": total delay");
      assertEquals((double) want.totalDelay() / want.flights(), got.meanDelayMinutes(), 1e-9, who + ": mean");
      assertEquals(want.delayed(), got.delayedFlights(), who + ": delayed >= 15 min");
      assertEquals(want.maxDelay(), got.maxDelayMinutes(), who + ": max delay");
      assertEquals(0, got.lateRecords(), who + ": late records");
      assertTrue(!got.name().equals(Airport.UNKNOWN_TEXT), who + ": enriched from the airports table");
    }
    assertEquals("Chicago O'Hare International", finals.get("ORD").name());
    assertEquals("Atlanta", finals.get("ATL").city());
  }

  private static void assertHours(CsvExpectations expected, List<ConsumerRecord<byte[], byte[]>> records)
      throws IOException {
    Map<String, Map<String, AirportHourlyDelay>> got = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      AirportHourlyDelay h = JSON.readValue(r.value(), AirportHourlyDelay.class);
      assertEquals(h.airport() + "|" + h.hour(), new String(r.key(), StandardCharsets.UTF_8));
      if (HOURLY_CHECKED.contains(h.airport())) {
        AirportHourlyDelay before = got.computeIfAbsent(h.airport(), k -> new TreeMap<>()).put(h.hour(), h);
        assertEquals(null, before, "hour " + h.key() + " was sent once");
      }
    }
    assertEquals(expected.hourly.keySet(), got.keySet());
    for (String airport : HOURLY_CHECKED) {
      Map<String, CsvExpectations.Stats> want = expected.hourly.get(airport);
      Map<String, AirportHourlyDelay> have = got.get(airport);
      assertEquals(want.keySet(), have.keySet(), "hours of " + airport);
      for (Map.Entry<String, CsvExpectations.Stats> e : want.entrySet()) {
        AirportHourlyDelay h = have.get(e.getKey());
        CsvExpectations.Stats s = e.getValue();
        String who = airport + "|" + e.getKey();
        assertEquals(List.of(s.flights(), s.totalDelay(), s.delayed(), s.maxDelay()),
            List.of(h.flights(), h.totalDelayMinutes(), h.delayedFlights(), (long) h.maxDelayMinutes()), who);
        assertEquals((double) s.totalDelay() / s.flights(), h.meanDelayMinutes(), 1e-9, who);
      }
    }
  }

  private static void assertDeadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> want = new ArrayList<>();
    for (int i = 0; i < MALFORMED_AT.length; i++) {
      want.add(MalformedLines.line(i));
    }
    List<String> got = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      got.add(new String(r.value(), StandardCharsets.UTF_8));
      assertEquals(FlightTopics.FLIGHTS, header(r, InputDecoder.HEADER_TOPIC));
      assertTrue(header(r, InputDecoder.HEADER_ERROR).contains("flight-csv"), header(r, InputDecoder.HEADER_ERROR));
    }
    assertEquals(want.stream().sorted().toList(), got.stream().sorted().toList(), "flights-dlq holds the injected lines");
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return r.headers().lastHeader(name) == null ? null
        : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
