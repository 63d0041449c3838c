package io.strand.samples.flights;

import io.strand.config.Config;
import io.strand.serializers.Serde;
import io.strand.serializers.SerdeException;
import io.strand.serializers.SerdeFactory;
import java.nio.charset.StandardCharsets;

/**
 * The message serde of the {@code flights} stream ({@code serializers.registry.flight-csv.class}):
 * a UTF-8 CSV line to a {@link Flight} and back.
 *
 * <p>Deserializing a line that is not a flight throws a {@link SerdeException}; that is the point:
 * the container's bad-message policy ({@code strand.task.dead-letter.stream}) then diverts the raw
 * record to the dead-letter stream and the task never sees it.
 *
 * <p>Threading: the factory and its serdes are stateless and thread-safe.
 */
public final class FlightCsvSerdeFactory implements SerdeFactory<Flight> {

  /** Creates the factory; the container does so by class name. */
  public FlightCsvSerdeFactory() {
  }

  @Override
  public Serde<Flight> getSerde(String name, Config config) {
    return new FlightCsvSerde(name);
  }

  /** The serde itself; see the factory. */
  static final class FlightCsvSerde implements Serde<Flight> {
    private final String name;

    FlightCsvSerde(String name) {
      this.name = name;
    }

    @Override
    public byte[] toBytes(Flight flight) {
      return flight == null ? null : FlightCsv.format(flight).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Flight fromBytes(byte[] bytes) {
      if (bytes == null) {
        return null;
      }
      try {
        return FlightCsv.parse(new String(bytes, StandardCharsets.UTF_8));
      } catch (MalformedFlightException e) {
        throw new SerdeException(name, bytes.length, e.getMessage(), e);
      }
    }
  }
}
