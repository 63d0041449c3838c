package io.strand.samples.flights;

import io.strand.config.Config;
import io.strand.serializers.JsonSerde;
import io.strand.serializers.StringSerde;
import io.strand.streams.Consumed;
import io.strand.streams.GlobalKTable;
import io.strand.streams.KGroupedStream;
import io.strand.streams.KStream;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.TimeWindowedKStream;
import io.strand.streams.TimeWindows;
import io.strand.system.SystemStream;
import java.time.Duration;

/**
 * {@link FlightDelayTask}'s job written with the streams API ({@code flight-delays-app.properties}):
 * flights keyed by origin, event time from their {@code date}; one-hour tumbling windows with the
 * allowed lateness ({@value FlightDelayTask#ALLOWED_LATENESS}, default 1 h) as grace go to
 * {@code airport-hourly-delays} as they close; late flights (the windows' side output) count in
 * their airport's {@code lateRecords}; the totals are one window over the whole input, so each
 * airport's {@code final=true} record goes to {@code airport-delay-totals} when the input ends
 * (bounded input). Unlike the task it sends no running ({@code final=false}) totals.
 *
 * <p>Enrichment: both results join the airports as a global table ({@code airports}, or
 * {@value FlightDelayTask#AIRPORTS_STREAM}) by the airport code, a left join giving
 * {@link Airport#UNKNOWN} to a code the table lacks. Every task reads the whole table before any
 * flight (bootstrap), as the task version does with its airports store.
 */
public final class FlightDelayApp implements StreamApplication {

  /** Longer than any input: the totals' window closes only at the end of the input. */
  private static final Duration WHOLE_INPUT = Duration.ofDays(365_000);

  /** Created by the loader through {@code app.class}. */
  public FlightDelayApp() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Config config = graph.config();
    long lateness = config.getDurationMs(FlightDelayTask.ALLOWED_LATENESS, FlightDelayTask.DEFAULT_ALLOWED_LATENESS_MS);
    String totalsOut = SystemStream.parse(config.get(FlightDelayTask.TOTALS_OUTPUT, "kafka." + FlightTopics.TOTALS))
        .getStream();
    String hourlyOut = SystemStream.parse(config.get(FlightDelayTask.HOURLY_OUTPUT, "kafka." + FlightTopics.HOURLY))
        .getStream();
    StringSerde codes = new StringSerde();

    GlobalKTable<String, Airport> airports = graph.globalTable(config.get(FlightDelayTask.AIRPORTS_STREAM,
        FlightTopics.AIRPORTS), Consumed.with(codes, json(Airport.class)));

    KStream<String, Flight> flights = graph.stream(FlightTopics.FLIGHTS, Consumed.<String, Flight>withSystemSerdes()
        .withTimestampExtractor((origin, f, ts) -> f == null ? ts : HourBuckets.eventTimeMs(f.departure())))
        .filter((origin, f) -> f != null);
    KGroupedStream<String, Flight> byOrigin = flights.groupByKey();
    TimeWindowedKStream<String, Flight> hours =
        byOrigin.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(HourBuckets.HOUR_MS), Duration.ofMillis(lateness)));
    hours.aggregate(() -> DelayStats.EMPTY, (origin, f, stats) -> stats.plus(f.delayMinutes()),
            Materialized.<String, DelayStats>as("airport-hourly").withSerdes(codes, json(DelayStats.class)))
        .map((w, stats) -> KeyValue.pair(w.key(), new HourWindow(w.key(), HourBuckets.label(w.window().startMs()), stats)))
        .leftJoin(airports, (code, hour) -> code, (hour, airport) -> AirportHourlyDelay.of(hour, known(airport)))
        .selectKey((code, h) -> h.key())
        .to(hourlyOut);

    // Every flight counts in its airport's totals; one late for its hour counts in lateRecords too.
    KStream<String, AirportTotals> counted = flights.mapValues(f -> AirportTotals.EMPTY.plus(f, false));
    KStream<String, AirportTotals> late = hours.lateRecords().mapValues(f -> new AirportTotals(DelayStats.EMPTY, 1));
    counted.merge(late).groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(WHOLE_INPUT))
        .aggregate(() -> AirportTotals.EMPTY, (origin, add, sum) -> sum.plus(add),
            Materialized.<String, AirportTotals>as("airport-totals").withSerdes(codes, json(AirportTotals.class)))
        .map((w, totals) -> KeyValue.pair(w.key(), new CodedTotals(w.key(), totals)))
        .leftJoin(airports, (code, totals) -> code,
            (totals, airport) -> AirportDelayTotal.of(totals.code(), known(airport), totals.totals(), true))
        .to(totalsOut);
  }

  /** A left join's missing row: the airport code is not in the table. */
  private static Airport known(Airport airport) {
    return airport == null ? Airport.UNKNOWN : airport;
  }

  /** An airport's totals with its code, which the joiner (given values only, as Kafka Streams') needs. */
  private record CodedTotals(String code, AirportTotals totals) { }

  private static <T> JsonSerde<T> json(Class<T> type) {
    return new JsonSerde<>(type.getSimpleName(), type);
  }
}
