package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.samples.support.FakeTaskRun;
import io.strand.system.OutgoingMessageEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task by hand, with the shipped properties' serdes and stores, but no container. */
class FlightDelayTaskTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Airport ORD = new Airport("Chicago O'Hare International", "Chicago", "IL", "USA", 41.9, -87.9);

  private final Config config = JobProperties.fromClasspath("flight-delays.properties");
  private FakeTaskRun run;
  private FlightDelayTask task;

  @BeforeEach
  void init() {
    run = new FakeTaskRun(config);
    task = new FlightDelayTask();
    task.init(run);
    airport("ORD", ORD);
  }

  private void airport(String code, Airport airport) {
    try {
      task.process(run.envelope("airports", code, JSON.writeValueAsBytes(airport)), run, run);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void flight(String line) {
    task.process(run.envelope("flights", FlightCsv.originField(line), line.getBytes(StandardCharsets.UTF_8)), run, run);
  }

  private List<AirportDelayTotal> totals() {
    return run.sentTo("airport-delay-totals").stream().map(e -> (AirportDelayTotal) e.getMessage()).toList();
  }

  @Test
  void windowSendsTheRunningTotalsOfTheAirportsThatChanged() {
    flight("2001-01-01 08:00,20,100,ORD,ATL");
    flight("2001-01-01 08:10,-4,100,ORD,ATL");
    task.window(run, run);
    flight("2001-01-01 08:20,0,100,ZZZ,ATL");
    task.window(run, run);
    task.window(run, run);

    List<OutgoingMessageEnvelope> sent = run.sentTo("airport-delay-totals");
    assertEquals(List.of("ORD", "ZZZ"), sent.stream().map(e -> (String) e.getKey()).toList());
    assertEquals(new AirportDelayTotal("ORD", ORD.name(), "Chicago", "IL", 2, 16, 8.0, 1, 20, 0, false),
        sent.get(0).getMessage());
  }

  @Test
  void aCodeMissingFromTheAirportsTableIsEnrichedAsUnknown() {
    flight("2001-01-01 08:20,0,100,ZZZ,ATL");
    task.onEndOfStream(run, run);

    AirportDelayTotal zzz = totals().get(0);
    assertEquals(List.of("unknown", "unknown", "unknown"), List.of(zzz.name(), zzz.city(), zzz.state()));
    AirportHourlyDelay hour = (AirportHourlyDelay) run.sentTo("airport-hourly-delays").get(0).getMessage();
    assertEquals("unknown", hour.name());
  }

  @Test
  void endOfStreamEmitsEveryOpenHourThenOneFinalRecordPerAirportAndAsksToShutDown() {
    flight("2001-01-01 08:00,20,100,ORD,ATL");
    flight("2001-01-01 09:00,30,100,ATL,ORD");
    flight("2001-01-01 09:30,5,100,ORD,ATL");
    task.window(run, run);

    task.onEndOfStream(run, run);

    List<OutgoingMessageEnvelope> hourly = run.sentTo("airport-hourly-delays");
    assertEquals(List.of("ORD|2001-01-01 08", "ATL|2001-01-01 09", "ORD|2001-01-01 09"),
        hourly.stream().map(e -> (String) e.getKey()).toList());
    assertEquals(new AirportHourlyDelay("ORD", "2001-01-01 09", ORD.name(), "Chicago", "IL", 1, 5, 5.0, 0, 5),
        hourly.get(2).getMessage());
    List<AirportDelayTotal> finals = totals().stream().filter(AirportDelayTotal::finalRecord).toList();
    assertEquals(List.of("ATL", "ORD"), finals.stream().map(AirportDelayTotal::airport).toList());
    assertEquals(new AirportDelayTotal("ORD", ORD.name(), "Chicago", "IL", 2, 25, 12.5, 1, 20, 0, true), finals.get(1));
    assertTrue(run.shutdownRequested);
  }

  @Test
  void hoursAreSentAsEventTimePassesThemAndLateFlightsAreCountedNotDropped() {
    flight("2001-01-01 08:00,20,100,ORD,ATL");
    flight("2001-01-01 10:00,1,100,ORD,ATL"); // 08:00-09:00 closes (1 h lateness)
    assertEquals(List.of("ORD|2001-01-01 08"),
        run.sentTo("airport-hourly-delays").stream().map(e -> (String) e.getKey()).toList());

    flight("2001-01-01 08:45,60,100,ORD,ATL"); // late: its hour was emitted
    task.onEndOfStream(run, run);

    AirportDelayTotal ord = totals().get(0);
    assertEquals(3, ord.flights(), "a late flight still counts in the totals");
    assertEquals(81, ord.totalDelayMinutes());
    assertEquals(1, ord.lateRecords());
    List<AirportHourlyDelay> hours = run.sentTo("airport-hourly-delays").stream()
        .map(e -> (AirportHourlyDelay) e.getMessage()).toList();
    assertEquals(List.of(1L, 1L), hours.stream().map(AirportHourlyDelay::flights).toList(),
        "the late flight is in no hour");
  }

  @Test
  void theAllowedLatenessIsAJobProperty() {
    run = new FakeTaskRun(config.withOverrides(Map.of(FlightDelayTask.ALLOWED_LATENESS, "0")));
    task = new FlightDelayTask();
    task.init(run);

    flight("2001-01-01 08:59,1,100,ORD,ATL");
    flight("2001-01-01 09:00,1,100,ORD,ATL");
    flight("2001-01-01 08:59,1,100,ORD,ATL");
    task.onEndOfStream(run, run);

    assertEquals(1, totals().get(0).lateRecords());
  }

  @Test
  void everyOutputRecordIsWrittenAsJsonWithAFinalField() throws Exception {
    AirportDelayTotal t = new AirportDelayTotal("ORD", "n", "c", "s", 1, 2, 2.0, 0, 2, 0, true);

    String json = JSON.writeValueAsString(t);

    assertTrue(json.contains("\"final\":true"), json);
    assertEquals(t, JSON.readValue(json, AirportDelayTotal.class));
  }
}
