package io.strand.benchmarks.flights;

import io.strand.samples.flights.Airport;
import io.strand.samples.flights.AirportDelayTotal;
import io.strand.samples.flights.AirportHourlyDelay;
import io.strand.samples.flights.AirportTotals;
import io.strand.samples.flights.DelayStats;
import io.strand.samples.flights.Flight;
import io.strand.samples.flights.HourBuckets;
import io.strand.samples.flights.HourWindow;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The flights job's state and logic for the raw loop, in plain maps (no store, no changelog: the
 * ceiling without durability), deciding exactly as the sample's {@code FlightDelayTask} per input
 * partition (= task): a flight is late when its hour is before the first hour still open; after
 * each flight the partition's event time (its latest departure) closes every hour it has passed by
 * the allowed lateness, and those hours are sent. {@link #window()} sends the totals of the airports
 * changed since the last call ({@code final=false}), {@link #end()} every open hour and then each
 * airport's {@code final=true} totals.
 *
 * <p>Threading: not thread-safe; one loop thread.
 */
public final class FlightsLoop {

  /** Where the records go. */
  public interface Sink {
    /** @param record a closed hour */
    void hourly(AirportHourlyDelay record);

    /** @param record an airport's totals */
    void totals(AirportDelayTotal record);
  }

  private final Map<String, Airport> airports;
  private final long allowedLatenessMs;
  private final Sink sink;
  private final Partition[] partitions;
  private final Map<String, AirportTotals> totals = new HashMap<>();
  private final Set<String> changedSinceWindow = new LinkedHashSet<>();

  /**
   * @param airports the airports table, by IATA code
   * @param allowedLatenessMs how long after an hour's end its flights still count, event-time ms
   * @param partitions input partitions
   * @param sink where records go
   */
  public FlightsLoop(Map<String, Airport> airports, long allowedLatenessMs, int partitions, Sink sink) {
    this.airports = airports;
    this.allowedLatenessMs = allowedLatenessMs;
    this.sink = sink;
    this.partitions = new Partition[partitions];
    for (int i = 0; i < partitions; i++) {
      this.partitions[i] = new Partition();
    }
  }

  /**
   * @param partition the input partition the flight came from
   * @param flight the flight
   */
  public void process(int partition, Flight flight) {
    Partition p = partitions[partition];
    long eventTime = HourBuckets.eventTimeMs(flight.departure());
    long hour = HourBuckets.hourStartMs(eventTime);
    boolean late = hour < p.closedBefore;
    if (!late) {
      p.open.computeIfAbsent(hour, h -> new HashMap<>())
          .merge(flight.origin(), DelayStats.EMPTY.plus(flight.delayMinutes()), DelayStats::merge);
    }
    AirportTotals current = totals.get(flight.origin());
    totals.put(flight.origin(), (current == null ? AirportTotals.EMPTY : current).plus(flight, late));
    changedSinceWindow.add(flight.origin());
    if (eventTime > p.eventTime) {
      p.eventTime = eventTime;
      long closedBefore = HourBuckets.hourStartMs(eventTime - allowedLatenessMs);
      if (closedBefore > p.closedBefore) {
        p.closedBefore = closedBefore;
        sendHours(p.open.headMap(closedBefore));
      }
    }
  }

  /** Sends the totals of the airports changed since the last call, {@code final=false}. */
  public void window() {
    for (String code : changedSinceWindow) {
      sink.totals(AirportDelayTotal.of(code, airport(code), totals.get(code), false));
    }
    changedSinceWindow.clear();
  }

  /** At the end of the input: sends every open hour, then every airport's final totals. */
  public void end() {
    for (Partition p : partitions) {
      sendHours(p.open);
    }
    totals.forEach((code, t) -> sink.totals(AirportDelayTotal.of(code, airport(code), t, true)));
    changedSinceWindow.clear();
  }

  private void sendHours(Map<Long, Map<String, DelayStats>> closed) {
    for (Map.Entry<Long, Map<String, DelayStats>> hour : closed.entrySet()) {
      String label = HourBuckets.label(hour.getKey());
      hour.getValue().forEach((code, stats) ->
          sink.hourly(AirportHourlyDelay.of(new HourWindow(code, label, stats), airport(code))));
    }
    closed.clear(); // a view of the partition's open hours: removes them there
  }

  private Airport airport(String code) {
    return airports.getOrDefault(code, Airport.UNKNOWN);
  }

  /** One input partition's clock and open hours. */
  private static final class Partition {
    long eventTime = Long.MIN_VALUE;
    long closedBefore = Long.MIN_VALUE;
    final TreeMap<Long, Map<String, DelayStats>> open = new TreeMap<>();
  }
}
