package io.strand.samples.flights;

import io.strand.config.Config;
import io.strand.serializers.JsonSerde;
import io.strand.serializers.StringSerde;
import io.strand.streams.Consumed;
import io.strand.streams.KGroupedStream;
import io.strand.streams.KStream;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Processor;
import io.strand.streams.ProcessorContext;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.TimeWindowedKStream;
import io.strand.streams.TimeWindows;
import io.strand.streams.Windowed;
import io.strand.system.SystemStream;
import java.time.Duration;
import java.util.Map;

/**
 * {@link FlightDelayTask}'s job written with the streams API ({@code flight-delays-app.properties}):
 * flights keyed by origin, event time from their {@code date}; one-hour tumbling windows with the
 * allowed lateness ({@value FlightDelayTask#ALLOWED_LATENESS}, default 1 h) as grace go to
 * {@code airport-hourly-delays} as they close; late flights (the windows' side output) count in
 * their airport's {@code lateRecords}; the totals are one window over the whole input, so each
 * airport's {@code final=true} record goes to {@code airport-delay-totals} when the input ends
 * (bounded input). Unlike the task it sends no running ({@code final=false}) totals.
 *
 * <p>Enrichment stays a low-level lookup ({@link AirportTable}, through {@code process}) until the
 * streams API has tables.
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

    KStream<String, Flight> flights = graph.stream(FlightTopics.FLIGHTS, Consumed.<String, Flight>withSystemSerdes()
        .withTimestampExtractor((origin, f, ts) -> f == null ? ts : HourBuckets.eventTimeMs(f.departure())))
        .filter((origin, f) -> f != null);
    KGroupedStream<String, Flight> byOrigin = flights.groupByKey();
    TimeWindowedKStream<String, Flight> hours =
        byOrigin.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(HourBuckets.HOUR_MS), Duration.ofMillis(lateness)));
    hours.aggregate(() -> DelayStats.EMPTY, (origin, f, stats) -> stats.plus(f.delayMinutes()),
            Materialized.<String, DelayStats>as("airport-hourly").withSerdes(codes, json(DelayStats.class)))
        .process(() -> new Enrich<DelayStats>(config, (w, stats, airport) -> {
          AirportHourlyDelay h = AirportHourlyDelay.of(
              new HourWindow(w.key(), HourBuckets.label(w.window().startMs()), stats), airport);
          return KeyValue.pair(h.key(), h);
        }))
        .to(hourlyOut);

    // Every flight counts in its airport's totals; one late for its hour counts in lateRecords too.
    KStream<String, AirportTotals> counted = flights.mapValues(f -> AirportTotals.EMPTY.plus(f, false));
    KStream<String, AirportTotals> late = hours.lateRecords().mapValues(f -> new AirportTotals(DelayStats.EMPTY, 1));
    counted.merge(late).groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(WHOLE_INPUT))
        .aggregate(() -> AirportTotals.EMPTY, (origin, add, sum) -> sum.plus(add),
            Materialized.<String, AirportTotals>as("airport-totals").withSerdes(codes, json(AirportTotals.class)))
        .process(() -> new Enrich<AirportTotals>(config, (w, totals, airport) ->
            KeyValue.pair(w.key(), AirportDelayTotal.of(w.key(), airport, totals, true))))
        .to(totalsOut);
  }

  private static <T> JsonSerde<T> json(Class<T> type) {
    return new JsonSerde<>(type.getSimpleName(), type);
  }

  /** Turns a closed window of an airport and its airports row into an output record. */
  @FunctionalInterface
  interface Output<A> {
    KeyValue<String, Object> apply(Windowed<String> window, A aggregate, Airport airport);
  }

  /** Enriches each result from the airports table, loaded once per task. */
  private static final class Enrich<A> implements Processor<Windowed<String>, A, String, Object> {
    private final Config config;
    private final Output<A> output;
    private ProcessorContext<String, Object> context;
    private Map<String, Airport> airports;

    Enrich(Config config, Output<A> output) {
      this.config = config;
      this.output = output;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
      this.context = context;
      this.airports = AirportTable.load(config);
    }

    @Override
    public void process(Windowed<String> window, A aggregate) {
      KeyValue<String, Object> out = output.apply(window, aggregate,
          airports.getOrDefault(window.key(), Airport.UNKNOWN));
      context.forward(out.key(), out.value());
    }
  }
}
