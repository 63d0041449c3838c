package io.strand.benchmarks.data;

/**
 * The input every workload reads.
 *
 * @param records number of records (the default suite loads 5 M)
 * @param keys size of the key space (10 k or 1 M are the documented choices)
 * @param zipfExponent 0 for uniform keys, else the Zipf exponent
 * @param valueBytes size of each value in bytes (at least 8; default 100)
 * @param partitions partitions of the input topic (default 8)
 * @param eventsPerSecond event-time density: record {@code i} has timestamp
 *     {@code base + i * 1000 / eventsPerSecond} ms, so 1 s windows hold that many records
 * @param seed random seed of the key sampler
 */
public record DataSpec(long records, int keys, double zipfExponent, int valueBytes, int partitions,
    int eventsPerSecond, long seed) {

  /** Validates the values. */
  public DataSpec {
    if (records < 1 || keys < 1 || valueBytes < Long.BYTES || partitions < 1 || eventsPerSecond < 1) {
      throw new IllegalArgumentException("invalid data spec " + records + " records, " + keys + " keys, "
          + valueBytes + " value bytes, " + partitions + " partitions, " + eventsPerSecond + " events/s");
    }
  }
}
