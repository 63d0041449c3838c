package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.samples.support.SerdeMapStore;
import io.strand.serializers.JsonSerde;
import io.strand.serializers.LongSerdeFactory;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourlyWindowsTest {

  private final SerdeMapStore<DelayStats> windows = new SerdeMapStore<>(new JsonSerde<>("stats", DelayStats.class));
  private final SerdeMapStore<Long> progress = new SerdeMapStore<>(new LongSerdeFactory().getSerde("long", Config.of(Map.of())));

  private static Flight flight(String origin, int day, int hour, int minute, int delay) {
    return new Flight(LocalDateTime.of(2001, 1, day, hour, minute), delay, 100, origin, "XXX");
  }

  /** Feeds flights as the task does; returns the windows closed along the way. */
  private List<HourWindow> feed(HourlyWindows w, List<Flight> flights, List<Flight> late) {
    List<HourWindow> closed = new ArrayList<>();
    for (Flight f : flights) {
      if (w.isLate(f)) {
        late.add(f);
      } else {
        w.add(f);
      }
      closed.addAll(w.advanceTo(HourBuckets.eventTimeMs(f.departure())));
    }
    return closed;
  }

  @Test
  void anHourClosesOnceEventTimePassesItsEndByTheAllowedLateness() {
    HourlyWindows w = new HourlyWindows(windows, progress, HourBuckets.HOUR_MS);
    List<Flight> late = new ArrayList<>();

    List<HourWindow> closed = feed(w, List.of(flight("ORD", 1, 8, 5, 10), flight("ATL", 1, 8, 30, 20),
        flight("ORD", 1, 8, 59, 30), flight("ORD", 1, 9, 10, 1), flight("ORD", 1, 9, 59, 1)), late);
    assertEquals(List.of(), closed, "at 09:59 with 1 h lateness, 08:00-09:00 is still open");

    closed = feed(w, List.of(flight("ORD", 1, 10, 0, 5)), late);
    assertEquals(List.of(new HourWindow("ATL", "2001-01-01 08", new DelayStats(1, 20, 1, 20)),
        new HourWindow("ORD", "2001-01-01 08", new DelayStats(2, 40, 1, 30))), closed);
    assertEquals(List.of(), late);
    assertEquals(2, windows.size(), "09 and 10 of ORD stay open");
  }

  @Test
  void aFlightWithinTheLatenessStillCountsForItsHour() {
    HourlyWindows w = new HourlyWindows(windows, progress, HourBuckets.HOUR_MS);
    List<Flight> late = new ArrayList<>();

    feed(w, List.of(flight("ORD", 1, 8, 0, 1), flight("ORD", 1, 9, 45, 1), flight("ORD", 1, 8, 50, 7)), late);
    List<HourWindow> closed = w.closeAll();

    assertEquals(List.of(), late);
    assertEquals(new HourWindow("ORD", "2001-01-01 08", new DelayStats(2, 8, 0, 7)), closed.get(0));
  }

  @Test
  void aFlightForAnEmittedHourIsLateAndNotAdded() {
    HourlyWindows w = new HourlyWindows(windows, progress, HourBuckets.HOUR_MS);
    List<Flight> late = new ArrayList<>();
    List<HourWindow> closed = feed(w, List.of(flight("ORD", 1, 8, 0, 1), flight("ORD", 1, 10, 0, 1)), late);
    assertEquals(1, closed.size());

    Flight straggler = flight("ORD", 1, 8, 30, 99);
    closed = feed(w, List.of(straggler), late);

    assertEquals(List.of(straggler), late);
    assertEquals(List.of(), closed);
    assertThrows(IllegalStateException.class, () -> w.add(straggler));
    assertEquals(List.of(new HourWindow("ORD", "2001-01-01 10", new DelayStats(1, 1, 0, 1))), w.closeAll(),
        "the late flight reopened nothing");
  }

  @Test
  void zeroLatenessClosesAnHourAsSoonAsTheNextOneBegins() {
    HourlyWindows w = new HourlyWindows(windows, progress, 0);
    List<Flight> late = new ArrayList<>();

    List<HourWindow> closed = feed(w, List.of(flight("ORD", 1, 8, 59, 1), flight("ORD", 1, 9, 0, 1),
        flight("ORD", 1, 8, 59, 1)), late);

    assertEquals(1, closed.size());
    assertEquals(1, late.size());
  }

  @Test
  void eventTimeNeverMovesBack() {
    HourlyWindows w = new HourlyWindows(windows, progress, HourBuckets.HOUR_MS);
    w.advanceTo(HourBuckets.eventTimeMs(LocalDateTime.of(2001, 1, 2, 0, 0)));
    w.advanceTo(HourBuckets.eventTimeMs(LocalDateTime.of(2001, 1, 1, 0, 0)));

    assertEquals(HourBuckets.eventTimeMs(LocalDateTime.of(2001, 1, 2, 0, 0)), w.eventTimeMs());
    assertTrue(w.isLate(flight("ORD", 1, 22, 59, 0)));
    assertFalse(w.isLate(flight("ORD", 1, 23, 0, 0)));
  }

  @Test
  void closedHoursSurviveARestoreOfTheStores() {
    HourlyWindows before = new HourlyWindows(windows, progress, HourBuckets.HOUR_MS);
    feed(before, List.of(flight("ORD", 1, 8, 0, 1), flight("ORD", 1, 10, 30, 2)), new ArrayList<>());

    HourlyWindows after = new HourlyWindows(windows, progress, HourBuckets.HOUR_MS); // same stores, new task

    assertTrue(after.isLate(flight("ORD", 1, 8, 59, 0)));
    assertFalse(after.isLate(flight("ORD", 1, 9, 0, 0)));
    assertEquals(List.of(new HourWindow("ORD", "2001-01-01 10", new DelayStats(1, 2, 0, 2))), after.closeAll());
  }

  @Test
  void closingAllEmitsEveryOpenWindowInHourOrderAndEmptiesTheStore() {
    HourlyWindows w = new HourlyWindows(windows, progress, 24 * HourBuckets.HOUR_MS);
    feed(w, List.of(flight("SFO", 1, 9, 0, 1), flight("ATL", 1, 10, 0, 2), flight("ATL", 1, 9, 0, 3)),
        new ArrayList<>());

    List<HourWindow> closed = w.closeAll();

    assertEquals(List.of("2001-01-01 09|ATL", "2001-01-01 09|SFO", "2001-01-01 10|ATL"),
        closed.stream().map(c -> c.hour() + "|" + c.airport()).toList());
    assertEquals(0, windows.size());
  }

  @Test
  void negativeLatenessIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new HourlyWindows(windows, progress, -1));
  }
}
