package io.strand.benchmarks.flights;

import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.streams.StreamsTopologies;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.samples.flights.Airport;
import io.strand.samples.flights.AirportDelayTotal;
import io.strand.samples.flights.AirportHourlyDelay;
import io.strand.samples.flights.AirportTotals;
import io.strand.samples.flights.DelayStats;
import io.strand.samples.flights.Flight;
import io.strand.samples.flights.FlightCsv;
import io.strand.samples.flights.FlightTopics;
import io.strand.samples.flights.HourBuckets;
import io.strand.samples.flights.HourWindow;
import io.strand.samples.flights.MalformedFlightException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The flights job in Kafka Streams' DSL, the same outputs as the sample's {@code FlightDelayTask}:
 *
 * <ul>
 *   <li>flights keyed by origin, event time from their scheduled departure
 *       ({@link HourBuckets#eventTimeMs}, the sample's timestamp); a line that is not a flight is
 *       skipped ({@code LogAndContinueExceptionHandler}; the sample dead-letters it);
 *   <li>a flight is late when its hour has closed in the task's stream time (hour end + grace at or
 *       before it; the task decides the same way with its own event time); late flights count in
 *       their airport's {@code lateRecords} and in no hour;
 *   <li>one-hour tumbling windows per airport, grace = the allowed lateness, emitted once as they
 *       close ({@code suppress(untilWindowCloses(unbounded()))}) to the hourly topic; both window stores
 *       uncached: with the record cache, the time-ordered store's range scans for closed windows
 *       walk the cache segment by segment from the epoch (a JFR profile: 95 % of the stream thread,
 *       about 1.5 ms per record);
 *   <li>the totals: one window over the whole input per airport, emitted once it closes
 *       ({@code EmitStrategy.onWindowClose()}): the {@code final=true} records;
 *   <li>both enriched from the airports table, a {@link GlobalKTable} ({@code leftJoin}: an airport
 *       missing from it is {@link Airport#UNKNOWN}).
 * </ul>
 *
 * <p>Kafka Streams has no end of input: the worker sends one end marker per partition to
 * {@link FlightsRunTopics#endMarkers} (read with the flights, so into the same tasks) once every
 * flight is processed and {@link #EMIT_INTERVAL_MS} has passed (closed windows are looked for at
 * most that often: the markers must find every aggregate due for a look). Its departure ({@link #END_DEPARTURE}) lies past the whole-input window, so
 * stream time closes every open hour and every airport's totals, as the sample's end of stream does.
 * Markers count nowhere: the windows they open never close. Their time (year 3100) reaches the
 * stores' changelogs and the records they close, so every topic written accepts timestamps that
 * far ahead ({@link FlightsRunTopics#TIMESTAMP_AFTER_MAX_MS}). Unlike the task it sends no running
 * ({@code final=false}) totals, as the sample's {@code FlightDelayApp}.
 *
 * <p>Threading: the topology runs on Kafka Streams' threads; the counters are read from any thread.
 */
public final class FlightsDsl {

  /** The end markers' origin: not an airport of the data (codes are real IATA codes). */
  public static final String END_ORIGIN = "ZZZZ";
  /** The end markers' departure: past {@link #WHOLE_INPUT}. */
  public static final LocalDateTime END_DEPARTURE = LocalDateTime.of(3100, 1, 1, 0, 0);
  /** The totals' window: longer than any input (epoch-aligned, it ends in 2969). */
  static final Duration WHOLE_INPUT = Duration.ofDays(365_000);
  /**
   * How long windows stay in their stores (event time), both stores. An end marker moves stream time
   * centuries ahead; the stores drop what lies further back than their retention before the marker's
   * look for closed windows, so the windows still open at the end would never be sent. Longer than
   * from the data to {@link #END_DEPARTURE}: nothing is dropped (the job's state is small).
   */
  static final Duration RETENTION = Duration.ofDays(1_000_000);
  /** Kafka Streams checks for closed windows at most this often (wall clock, ms). */
  static final String EMIT_INTERVAL = "emit.interval.ms.kstreams.windowed.aggregation";
  /**
   * {@link #EMIT_INTERVAL} here, ms. Kafka Streams' default (1 s) would make the end of the run
   * wait up to a second for the last check; a check costs one store range scan per task.
   */
  public static final long EMIT_INTERVAL_MS = 50;

  private static final AtomicLong FINALS_SENT = new AtomicLong();
  private static final AtomicLong ORIGINS_SEEN = new AtomicLong();
  private static final AtomicLong MARKERS_DONE = new AtomicLong();

  private FlightsDsl() {
  }

  /**
   * @param spec the run
   * @param allowedLatenessMs the hours' grace, ms
   * @return the topology
   */
  public static Topology topology(WorkerSpec spec, long allowedLatenessMs) {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<String> codes = Serdes.String();
    GlobalKTable<String, Airport> airports = builder.globalTable(FlightTopics.AIRPORTS,
        Consumed.with(codes, new JacksonSerde<>(Airport.class)),
        Materialized.<String, Airport, KeyValueStore<Bytes, byte[]>>as("airports"));
    KStream<String, Dated> flights = builder.stream(List.of(spec.input(), FlightsRunTopics.endMarkers(spec)),
            Consumed.with(codes, flightSerde()).withTimestampExtractor((record, partitionTime) ->
                record.value() instanceof Flight f ? HourBuckets.eventTimeMs(f.departure()) : partitionTime))
        .processValues(() -> new MarkLate(allowedLatenessMs));

    flights.filter((origin, d) -> !d.late())
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(HourBuckets.HOUR_MS), Duration.ofMillis(allowedLatenessMs)))
        .aggregate(() -> DelayStats.EMPTY, (origin, d, stats) -> stats.plus(d.flight().delayMinutes()),
            Materialized.<String, DelayStats, WindowStore<Bytes, byte[]>>as("airport-hourly")
                .withKeySerde(codes).withValueSerde(new JacksonSerde<>(DelayStats.class))
                .withCachingDisabled().withRetention(RETENTION))
        // Suppress, the long-standing way to send each window once (onWindowClose works too here).
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .leftJoin(airports, (w, stats) -> w.key(), (w, stats, airport) -> AirportHourlyDelay.of(
            new HourWindow(w.key(), HourBuckets.label(w.window().start()), stats), orUnknown(airport)))
        .selectKey((w, hour) -> hour.key())
        .to(FlightsRunTopics.hourly(spec), Produced.with(codes, new JacksonSerde<>(AirportHourlyDelay.class)));

    flights.mapValues(d -> AirportTotals.EMPTY.plus(d.flight(), d.late()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(WHOLE_INPUT))
        .emitStrategy(EmitStrategy.onWindowClose())
        .aggregate(() -> AirportTotals.EMPTY, (origin, add, sum) -> sum.plus(add),
            Materialized.<String, AirportTotals, WindowStore<Bytes, byte[]>>as("airport-totals")
                .withKeySerde(codes).withValueSerde(new JacksonSerde<>(AirportTotals.class))
                .withCachingDisabled().withRetention(RETENTION))
        .toStream()
        .leftJoin(airports, (w, totals) -> w.key(),
            (w, totals, airport) -> AirportDelayTotal.of(w.key(), orUnknown(airport), totals, true))
        .selectKey((w, total) -> total.airport())
        .peek((code, total) -> FINALS_SENT.incrementAndGet())
        .to(FlightsRunTopics.totals(spec), Produced.with(codes, new JacksonSerde<>(AirportDelayTotal.class)));
    return builder.build();
  }

  /**
   * @param spec the run
   * @return {@link StreamsTopologies#properties}, committing at the job's interval, checking for
   *     closed windows once a second of wall clock (the default; checking on every record costs a
   *     store range scan per record), skipping lines that are not flights
   */
  public static Properties properties(WorkerSpec spec) {
    Properties p = StreamsTopologies.properties(spec);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, FlightsJobConfig.COMMIT_MS);
    p.put(EMIT_INTERVAL, EMIT_INTERVAL_MS);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    // The markers' time reaches the stores' changelogs and the records they close: accept it.
    p.put(StreamsConfig.topicPrefix(FlightsRunTopics.TIMESTAMP_AFTER_MAX_MS), Long.toString(Long.MAX_VALUE));
    return p;
  }

  /** @return the end marker's value, a CSV line */
  public static byte[] endMarker() {
    return FlightCsv.format(new Flight(END_DEPARTURE, 0, 0, END_ORIGIN, END_ORIGIN)).getBytes(StandardCharsets.UTF_8);
  }

  /** @return final totals records sent in this JVM */
  public static long finalsSent() {
    return FINALS_SENT.get();
  }

  /** @return end markers processed to the end of the topology (all they closed is sent) in this JVM */
  public static long markersDone() {
    return MARKERS_DONE.get();
  }

  /** @return distinct origins of the flights processed in this JVM (each airport is in one task) */
  public static long originsSeen() {
    return ORIGINS_SEEN.get();
  }

  private static Airport orUnknown(Airport airport) {
    return airport == null ? Airport.UNKNOWN : airport;
  }

  private static Serde<Flight> flightSerde() {
    return Serdes.serdeFrom((topic, f) -> f == null ? null : FlightCsv.format(f).getBytes(StandardCharsets.UTF_8),
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return FlightCsv.parse(new String(bytes, StandardCharsets.UTF_8));
          } catch (MalformedFlightException e) {
            throw new SerializationException(e.getMessage(), e);
          }
        });
  }

  /**
   * A flight and whether its hour had closed when it came.
   *
   * @param flight the flight
   * @param late true if its hour was already emitted
   */
  record Dated(Flight flight, boolean late) {
  }

  /** Marks late flights against the task's stream time; counts the flights (not the markers). */
  private static final class MarkLate implements FixedKeyProcessor<String, Flight, Dated> {
    private final long allowedLatenessMs;
    private final Set<String> origins = new HashSet<>();
    private FixedKeyProcessorContext<String, Dated> context;

    MarkLate(long allowedLatenessMs) {
      this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Dated> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Flight> record) {
      Flight f = record.value();
      boolean marker = END_ORIGIN.equals(f.origin());
      if (!marker) {
        Progress.record();
        if (origins.add(f.origin())) {
          ORIGINS_SEEN.incrementAndGet();
        }
      }
      long hourEnd = HourBuckets.hourStartMs(HourBuckets.eventTimeMs(f.departure())) + HourBuckets.HOUR_MS;
      boolean late = hourEnd + allowedLatenessMs <= context.currentStreamTimeMs();
      context.forward(record.withValue(new Dated(f, late))); // returns once every branch has processed it
      if (marker) {
        MARKERS_DONE.incrementAndGet();
      }
    }
  }
}
