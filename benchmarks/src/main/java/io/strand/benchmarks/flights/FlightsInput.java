package io.strand.benchmarks.flights;

import io.strand.samples.flights.DataFiles;
import io.strand.samples.flights.FlightTopics;
import io.strand.samples.flights.FlightsLoader;
import io.strand.samples.flights.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the flights job's input once per suite, as the flights demo does: the sample's
 * {@link FlightsLoader} writes the January 2001 file (or its first lines) to
 * {@value FlightTopics#FLIGHTS} ({@value FlightTopics#FLIGHT_PARTITIONS} partitions, keyed by
 * origin, in file order) and the airports table to {@value FlightTopics#AIRPORTS}; the dead-letter
 * topic the Strand jobs name is created too.
 *
 * <p>Threading: one call at a time.
 */
public final class FlightsInput {

  private static final Logger LOG = LoggerFactory.getLogger(FlightsInput.class);

  private FlightsInput() {
  }

  /**
   * @param bootstrapServers the broker
   * @param maxLines data lines of the file to load; negative for all
   * @return what was loaded
   * @throws IllegalArgumentException if the data file is missing (the message says where it was looked for)
   * @throws UncheckedIOException if it cannot be read
   */
  public static LoadResult load(String bootstrapServers, long maxLines) {
    Path dir = DataFiles.defaultDir();
    try {
      LoadResult r = FlightsLoader.load(bootstrapServers,
          new FlightsLoader.Options(dir, FlightsRunTopics.PARTITIONS, List.of(), maxLines));
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
        FlightTopics.createOutputs(admin, FlightsRunTopics.PARTITIONS);
      }
      LOG.info("Loaded {} flights ({} lines that are not flights) and {} airports from {} in {} s", r.flights(),
          r.malformedInFile(), r.airports(), dir, String.format("%.1f", r.elapsedMs() / 1000.0));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the flights data in " + dir, e);
    }
  }
}
