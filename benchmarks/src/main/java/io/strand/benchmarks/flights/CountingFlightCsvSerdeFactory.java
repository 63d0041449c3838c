package io.strand.benchmarks.flights;

import io.strand.benchmarks.progress.Progress;
import io.strand.config.Config;
import io.strand.samples.flights.Flight;
import io.strand.samples.flights.FlightCsvSerdeFactory;
import io.strand.serializers.Serde;
import io.strand.serializers.SerdeFactory;

/**
 * The sample's {@code flight-csv} serde ({@link FlightCsvSerdeFactory}), counting each flight it
 * reads in {@link Progress}: the Strand runs count their processed records without touching the
 * sample's task or application. A line that is not a flight is not counted (the other engines skip
 * it too).
 *
 * <p>Threading: the container's thread, one at a time, as {@link Progress} requires.
 */
public final class CountingFlightCsvSerdeFactory implements SerdeFactory<Flight> {

  /** Created by the container through {@code serializers.registry.flight-csv.class}. */
  public CountingFlightCsvSerdeFactory() {
  }

  @Override
  public Serde<Flight> getSerde(String name, Config config) {
    Serde<Flight> csv = new FlightCsvSerdeFactory().getSerde(name, config);
    return new Serde<>() {
      @Override
      public byte[] toBytes(Flight flight) {
        return csv.toBytes(flight);
      }

      @Override
      public Flight fromBytes(byte[] bytes) {
        Flight f = csv.fromBytes(bytes);
        if (f != null) {
          Progress.record();
        }
        return f;
      }
    };
  }
}
