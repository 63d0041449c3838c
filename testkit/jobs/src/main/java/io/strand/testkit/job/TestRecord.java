package io.strand.testkit.job;

/**
 * One input record for {@link JobTestRunner}: key and value as UTF-8 text (JSON, CSV, or a plain
 * string, as the job's serdes expect), and optionally the partition to write it to.
 *
 * @param key the record key, or null for none (the producer then spreads records over partitions)
 * @param value the record value, or null for a tombstone
 * @param partition the partition to write to, or -1 to let the key decide
 */
public record TestRecord(String key, String value, int partition) {

  /**
   * A keyed record whose partition the key decides, as Kafka's default partitioner does.
   *
   * @param key the key
   * @param value the value
   * @return the record
   */
  public static TestRecord of(String key, String value) {
    return new TestRecord(key, value, -1);
  }

  /**
   * A record written to one partition.
   *
   * @param partition the partition, from 0
   * @param key the key
   * @param value the value
   * @return the record
   */
  public static TestRecord at(int partition, String key, String value) {
    return new TestRecord(key, value, partition);
  }
}
