package io.strand.samples.flights;

import io.strand.config.Config;
import io.strand.serializers.Serde;
import io.strand.serializers.StringSerde;
import io.strand.streams.Consumed;
import io.strand.streams.JoinWindows;
import io.strand.streams.KStream;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Repartitioned;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.StreamJoined;
import io.strand.streams.TimeWindows;
import io.strand.system.SystemStream;
import java.time.Duration;

/**
 * Connections, a windowed stream-stream join on the real flights ({@code connections-app.properties}):
 * each flight into an airport joined with the flights out of that airport whose scheduled departure
 * is 1 to 3 hours after its own, an asymmetric interval join (Flink's {@code between(1 h, 3 h)},
 * here {@code JoinWindows.ofTimeDifferenceAndGrace(3 h, grace).before(-1 h)}); the result, per
 * airport and hour, is the number of such possible connections, to {@code airport-connections}
 * ({@link AirportHourlyConnections}, key {@code <airport>|<yyyy-MM-dd HH>}).
 *
 * <p>Shapes: the flights (keyed by origin, event time the scheduled departure) are the outbound
 * side as they are; repartitioned by destination ({@code arrivals-by-airport}) they are the inbound
 * side, so both sides of an airport meet in one task. A connection's event time is the later of the
 * two, the outbound departure, so its hour is the hour the connecting flight leaves; hourly tumbling
 * windows count them and emit each airport-hour once, when the watermark closes it.
 *
 * <p>The data has no arrival times and its times are each airport's local time: the join compares
 * the inbound flight's scheduled departure (at its origin, local time) with the outbound one's, so a
 * "connection" ignores flight duration and time zones; it is a demonstration of the join, not an
 * itinerary planner. Grace (both the join's and the windows'): {@value FlightDelayTask#ALLOWED_LATENESS}
 * (default 1 h); the flights file is in time order, so no flight is late.
 */
public final class ConnectionsApp implements StreamApplication {

  /** The output stream, {@code system.stream}; default {@value #DEFAULT_OUTPUT}. */
  public static final String OUTPUT = "connections.output";
  /** Default of {@link #OUTPUT}. */
  public static final String DEFAULT_OUTPUT = "kafka.airport-connections";
  /** The shortest time between a flight's departure and a connecting flight's, ms. */
  public static final long MIN_CONNECTION_MS = HourBuckets.HOUR_MS;
  /** The longest time between a flight's departure and a connecting flight's, ms. */
  public static final long MAX_CONNECTION_MS = 3 * HourBuckets.HOUR_MS;

  /** Created by the loader through {@code app.class}. */
  public ConnectionsApp() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Config config = graph.config();
    Duration grace = Duration.ofMillis(config.getDurationMs(FlightDelayTask.ALLOWED_LATENESS,
        FlightDelayTask.DEFAULT_ALLOWED_LATENESS_MS));
    String output = SystemStream.parse(config.get(OUTPUT, DEFAULT_OUTPUT)).getStream();
    Serde<String> codes = new StringSerde();
    Serde<Flight> flightCsv = new FlightCsvSerdeFactory.FlightCsvSerde(FlightTopics.FLIGHTS);

    KStream<String, Flight> departures = graph.stream(FlightTopics.FLIGHTS, Consumed.<String, Flight>withSystemSerdes()
            .withTimestampExtractor((origin, f, ts) -> f == null ? ts : HourBuckets.eventTimeMs(f.departure())))
        .filter((origin, f) -> f != null);
    KStream<String, Flight> arrivals = departures.selectKey((origin, f) -> f.destination())
        .repartition(Repartitioned.with(codes, flightCsv).withName("arrivals-by-airport"));
    JoinWindows oneToThreeHoursLater = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(MAX_CONNECTION_MS), grace)
        .before(Duration.ofMillis(-MIN_CONNECTION_MS));
    arrivals.join(departures, (in, out) -> in.origin() + ">" + out.destination(), oneToThreeHoursLater,
            StreamJoined.<String, Flight, Flight>as("connections").withName("connections")
                .withSerdes(codes, flightCsv, flightCsv))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(HourBuckets.HOUR_MS), grace))
        .count(Materialized.as("connections-per-hour"))
        .map((w, n) -> {
          AirportHourlyConnections c = new AirportHourlyConnections(w.key(), HourBuckets.label(w.window().startMs()), n);
          return KeyValue.pair(c.key(), c);
        })
        .to(output);
  }
}
