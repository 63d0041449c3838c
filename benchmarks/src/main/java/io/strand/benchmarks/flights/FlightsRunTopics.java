package io.strand.benchmarks.flights;

import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.samples.flights.FlightTopics;

/**
 * The topics of one flights run. The inputs are the sample's ({@value FlightTopics#FLIGHTS},
 * {@value FlightTopics#AIRPORTS}), loaded once per suite; each run writes its own outputs, named
 * after the spec's output: {@code <output>-totals} (the sample's {@value FlightTopics#TOTALS}) and
 * {@code <output>-hourly} ({@value FlightTopics#HOURLY}). Kafka Streams' run also has
 * {@code <job>-end}: it has no end of input, so the worker sends one end marker per partition there
 * once every flight is processed ({@link FlightsDsl}).
 *
 * <p>Threading: stateless.
 */
public final class FlightsRunTopics {

  /** Partitions of every flights topic, as the sample's loader creates the input. */
  public static final int PARTITIONS = FlightTopics.FLIGHT_PARTITIONS;

  /**
   * Topic setting bounding how far ahead of the broker's clock a record's timestamp may be (the
   * broker's default: one hour). Kafka Streams' end markers lie centuries ahead; its output and
   * internal topics set it to {@link Long#MAX_VALUE}.
   */
  public static final String TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";

  private FlightsRunTopics() {
  }

  /** @param spec a flights run
   *  @return its per-airport totals topic */
  public static String totals(WorkerSpec spec) {
    return spec.output() + "-totals";
  }

  /** @param spec a flights run
   *  @return its hourly records topic */
  public static String hourly(WorkerSpec spec) {
    return spec.output() + "-hourly";
  }

  /** @param spec a Kafka Streams flights run
   *  @return the topic its end markers go to */
  public static String endMarkers(WorkerSpec spec) {
    return spec.jobName() + "-end";
  }
}
