package io.strand.samples.flights;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.task.WindowableTask;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flight-delay analytics per origin airport, configured by {@code flight-delays.properties}.
 *
 * <ul>
 *   <li>The {@code airports} bootstrap broadcast stream fills the {@code airports} store, read in
 *       full before any flight arrives; every output is enriched from it.
 *   <li>Flights ({@link Flight}, from the {@code flight-csv} serde; malformed lines never get here,
 *       the container dead-letters them) update the running totals of their origin in the
 *       changelogged store {@code airport-totals} and the origin's hourly window
 *       ({@link HourlyWindows}, stores {@code airport-hourly} and {@code hourly-progress}).
 *   <li>Hours are emitted to {@code airport-hourly-delays} as event time passes them by
 *       {@value #ALLOWED_LATENESS} (default 1 h); late flights are counted in their airport's
 *       {@code lateRecords} and logged.
 *   <li>Totals of the airports changed since the last window go to {@code airport-delay-totals}
 *       every {@code task.window.ms} ({@code final=false}); at the end of the input every open hour
 *       is emitted and then one {@code final=true} record per airport.
 * </ul>
 *
 * <p>The loader keys flights by origin, so all of an airport's flights reach one task and the
 * per-task totals are the airport's totals.
 *
 * <p>Threading: the container calls one instance from one thread at a time; no locking needed.
 */
public final class FlightDelayTask implements StreamTask, InitableTask, WindowableTask, EndOfStreamListenerTask {

  /** Job property: how long after an hour's end (event time, ms or a duration like 1h) flights still count for it. */
  public static final String ALLOWED_LATENESS = "flights.allowed.lateness.ms";
  /** Default {@value #ALLOWED_LATENESS}: one hour. */
  public static final long DEFAULT_ALLOWED_LATENESS_MS = HourBuckets.HOUR_MS;
  /** Job property: the airports stream's name (default {@code airports}). */
  public static final String AIRPORTS_STREAM = "flights.airports.stream";
  /** Job property: where totals go, {@code system.stream} (default {@code kafka.airport-delay-totals}). */
  public static final String TOTALS_OUTPUT = "flights.totals.output";
  /** Job property: where hourly windows go, {@code system.stream} (default {@code kafka.airport-hourly-delays}). */
  public static final String HOURLY_OUTPUT = "flights.hourly.output";

  /** Store names, as in the properties file. */
  static final String AIRPORTS_STORE = "airports";
  static final String TOTALS_STORE = "airport-totals";
  static final String HOURLY_STORE = "airport-hourly";
  static final String PROGRESS_STORE = "hourly-progress";

  private static final Logger LOG = LoggerFactory.getLogger(FlightDelayTask.class);
  // Out-of-order input could make every record late; the count is exact in the output, the log samples.
  private static final int LATE_LOG_FIRST = 10;
  private static final int LATE_LOG_EVERY = 10_000;

  private String airportsStream;
  private SystemStream totalsOutput;
  private SystemStream hourlyOutput;
  private AirportDirectory airports;
  private KeyValueStore<String, AirportTotals> totals;
  private HourlyWindows hourly;
  private String taskName;
  private long lateSeen;
  // Not durable on purpose: after a restart the replayed input marks its airports dirty again.
  private final Set<String> changedSinceWindow = new LinkedHashSet<>();

  /** Created by the container through {@code task.class}. */
  public FlightDelayTask() {
  }

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    airportsStream = config.get(AIRPORTS_STREAM, "airports");
    totalsOutput = SystemStream.parse(config.get(TOTALS_OUTPUT, "kafka.airport-delay-totals"));
    hourlyOutput = SystemStream.parse(config.get(HOURLY_OUTPUT, "kafka.airport-hourly-delays"));
    long lateness = config.getDurationMs(ALLOWED_LATENESS, DEFAULT_ALLOWED_LATENESS_MS);
    if (lateness < 0) {
      throw config.problem(ALLOWED_LATENESS, "must be 0 or more, got " + lateness);
    }
    taskName = context.getTaskContext().getTaskName().name();
    airports = new AirportDirectory(context.getTaskContext().getStore(AIRPORTS_STORE));
    totals = context.getTaskContext().getStore(TOTALS_STORE);
    hourly = new HourlyWindows(context.getTaskContext().getStore(HOURLY_STORE),
        context.getTaskContext().getStore(PROGRESS_STORE), lateness);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    if (envelope.getSystemStreamPartition().getStream().equals(airportsStream)) {
      airports.put((String) envelope.getKey(), (Airport) envelope.getMessage());
      return;
    }
    Flight flight = (Flight) envelope.getMessage();
    if (flight == null) {
      return; // a tombstone carries no flight
    }
    boolean late = hourly.isLate(flight);
    if (late) {
      logLate(flight, envelope);
    } else {
      hourly.add(flight);
    }
    AirportTotals current = totals.get(flight.origin());
    totals.put(flight.origin(), (current == null ? AirportTotals.EMPTY : current).plus(flight, late));
    changedSinceWindow.add(flight.origin());
    sendHours(hourly.advanceTo(HourBuckets.eventTimeMs(flight.departure())), collector);
  }

  @Override
  public void window(MessageCollector collector, TaskCoordinator coordinator) {
    for (String code : changedSinceWindow) {
      AirportTotals t = totals.get(code);
      if (t != null) {
        collector.send(new OutgoingMessageEnvelope(totalsOutput, code,
            AirportDelayTotal.of(code, airports.lookup(code), t, false)));
      }
    }
    changedSinceWindow.clear();
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    sendHours(hourly.closeAll(), collector);
    int airportsSent = 0;
    try (KeyValueIterator<String, AirportTotals> it = totals.all()) {
      while (it.hasNext()) {
        Entry<String, AirportTotals> e = it.next();
        collector.send(new OutgoingMessageEnvelope(totalsOutput, e.key(),
            AirportDelayTotal.of(e.key(), airports.lookup(e.key()), e.value(), true)));
        airportsSent++;
      }
    }
    changedSinceWindow.clear();
    LOG.debug("Task '{}': input ended; sent final totals of {} airports ({} late flights)", taskName, airportsSent,
        lateSeen);
    coordinator.shutdown(TaskCoordinator.RequestScope.CURRENT_TASK);
  }

  private void sendHours(List<HourWindow> closed, MessageCollector collector) {
    for (HourWindow w : closed) {
      AirportHourlyDelay record = AirportHourlyDelay.of(w, airports.lookup(w.airport()));
      collector.send(new OutgoingMessageEnvelope(hourlyOutput, record.key(), record));
    }
  }

  private void logLate(Flight flight, IncomingMessageEnvelope envelope) {
    lateSeen++;
    if (lateSeen <= LATE_LOG_FIRST || lateSeen % LATE_LOG_EVERY == 0) {
      LOG.info("Task '{}': late flight #{} at {} offset {}: {} {} departs in an hour already emitted; counted in"
              + " lateRecords, not in the hour", taskName, lateSeen, envelope.getSystemStreamPartition(),
          envelope.getOffset(), flight.origin(), flight.departure());
    }
  }
}
