package io.strand.benchmarks.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.samples.flights.Airport;
import io.strand.samples.flights.AirportDelayTotal;
import io.strand.samples.flights.AirportHourlyDelay;
import io.strand.samples.flights.Flight;
import io.strand.samples.flights.HourBuckets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The raw loop's state decides as {@code FlightDelayTask}: per partition event time, 1 h grace. */
class FlightsLoopTest {

  private final List<AirportHourlyDelay> hours = new ArrayList<>();
  private final List<AirportDelayTotal> totals = new ArrayList<>();
  private final FlightsLoop loop = new FlightsLoop(
      Map.of("ORD", new Airport("O'Hare", "Chicago", "IL", "USA", 41.9, -87.9)), HourBuckets.HOUR_MS, 2,
      new FlightsLoop.Sink() {
        @Override
        public void hourly(AirportHourlyDelay record) {
          hours.add(record);
        }

        @Override
        public void totals(AirportDelayTotal record) {
          totals.add(record);
        }
      });

  private static Flight flight(String origin, int hour, int minute, int delay) {
    return new Flight(LocalDateTime.of(2001, 1, 1, hour, minute), delay, 100, origin, "ATL");
  }

  @Test
  void anHourClosesOnceItsPartitionPassedItsEndByTheGraceAndALateFlightCountsOnlyInTheTotals() {
    loop.process(0, flight("ORD", 8, 5, 10));
    loop.process(0, flight("ORD", 8, 50, 20));
    loop.process(1, flight("XYZ", 11, 0, 0)); // another partition's time closes nothing in partition 0
    loop.process(0, flight("ORD", 9, 59, 0));
    assertEquals(List.of(), hours);

    loop.process(0, flight("ORD", 10, 0, 0)); // 08:00-09:00 + 1 h grace
    assertEquals(1, hours.size());
    AirportHourlyDelay h = hours.get(0);
    assertEquals("ORD|2001-01-01 08", h.key());
    assertEquals(List.of(2L, 30L, 1L, 20), List.of(h.flights(), h.totalDelayMinutes(), h.delayedFlights(),
        h.maxDelayMinutes()));
    assertEquals("O'Hare", h.name());

    loop.process(0, flight("ORD", 8, 30, 99)); // its hour was sent: late
    loop.end();

    assertEquals(List.of("ORD|2001-01-01 08", "ORD|2001-01-01 09", "ORD|2001-01-01 10", "XYZ|2001-01-01 11"),
        hours.stream().map(AirportHourlyDelay::key).toList());
    AirportDelayTotal ord = totals.stream().filter(t -> t.airport().equals("ORD")).findFirst().orElseThrow();
    assertEquals(List.of(5L, 129L, 1L, true), List.of(ord.flights(), ord.totalDelayMinutes(), ord.lateRecords(),
        ord.finalRecord()));
    AirportDelayTotal xyz = totals.stream().filter(t -> t.airport().equals("XYZ")).findFirst().orElseThrow();
    assertEquals(Airport.UNKNOWN_TEXT, xyz.name());
    assertEquals(2, totals.size());
  }

  @Test
  void windowSendsTheChangedAirportsRunningTotalsOnce() {
    loop.process(0, flight("ORD", 8, 5, 10));
    loop.window();
    loop.window();

    assertEquals(1, totals.size());
    assertEquals(false, totals.get(0).finalRecord());
    assertEquals(1, totals.get(0).flights());
  }
}
