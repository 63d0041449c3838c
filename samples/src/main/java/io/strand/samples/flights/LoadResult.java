package io.strand.samples.flights;

/**
 * What {@link FlightsLoader} wrote.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param flights lines of the file that parse as flights, in records
 * @param malformedInFile lines of the file that do not parse (sent as they are), in records
 * @param malformedInjected malformed lines inserted on request, in records
 * @param airports airports written to the airports topic, in records
 * @param elapsedMs wall time of the whole load, acknowledgements included, in ms
 */
public record LoadResult(long flights, long malformedInFile, long malformedInjected, long airports, long elapsedMs) {

  /**
   * Every record written to the flights topic.
   *
   * @return records
   */
  public long flightRecords() {
    return flights + malformedInFile + malformedInjected;
  }

  /**
   * The load's throughput on the flights topic.
   *
   * @return records per second
   */
  public double flightRecordsPerSecond() {
    return elapsedMs == 0 ? 0 : flightRecords() * 1000.0 / elapsedMs;
  }
}
