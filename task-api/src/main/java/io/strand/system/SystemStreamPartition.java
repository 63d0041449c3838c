package io.strand.system;

import io.strand.Partition;

/**
 * One partition of one stream: the unit of input that is assigned to a task and that offsets
 * are checkpointed for. Written {@code system.stream#partition}, the form Samza's
 * {@code task.broadcast.inputs} uses. Immutable and thread-safe.
 *
 * @param systemStream the stream
 * @param partition the partition of that stream
 */
public record SystemStreamPartition(SystemStream systemStream, Partition partition)
    implements Comparable<SystemStreamPartition> {

  /**
   * Checks both parts.
   *
   * @param systemStream the stream
   * @param partition the partition of that stream
   * @throws IllegalArgumentException if either part is null
   */
  public SystemStreamPartition {
    if (systemStream == null || partition == null) {
      throw new IllegalArgumentException("a system stream partition needs a stream and a partition, got "
          + systemStream + " and " + partition);
    }
  }

  /**
   * Builds one from its names and number.
   *
   * @param system the system name
   * @param stream the stream name
   * @param partition the partition number, from 0
   * @throws IllegalArgumentException as {@link SystemStream} and {@link Partition} do
   */
  public SystemStreamPartition(String system, String stream, int partition) {
    this(new SystemStream(system, stream), new Partition(partition));
  }

  /**
   * Parses the written form {@code system.stream#partition}, splitting the stream at the first
   * dot and the partition at the last {@code #}.
   *
   * @param text for example {@code kafka.flights#0}
   * @return the system stream partition
   * @throws IllegalArgumentException if {@code text} is not of that form
   */
  public static SystemStreamPartition parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("cannot parse a system stream partition from null;"
          + " expected 'system.stream#partition'");
    }
    String trimmed = text.trim();
    int hash = trimmed.lastIndexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a system stream partition;"
          + " expected 'system.stream#partition', for example 'kafka.flights#0'");
    }
    int number;
    try {
      number = Integer.parseInt(trimmed.substring(hash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' does not end in a partition number after '#';"
          + " expected for example 'kafka.flights#0'", e);
    }
    return new SystemStreamPartition(SystemStream.parse(trimmed.substring(0, hash)), new Partition(number));
  }

  /**
   * The system name.
   *
   * @return the system name
   */
  public String getSystem() {
    return systemStream.system();
  }

  /**
   * The stream name.
   *
   * @return the stream name
   */
  public String getStream() {
    return systemStream.stream();
  }

  /**
   * The partition, under Samza's accessor name.
   *
   * @return the partition
   */
  public Partition getPartition() {
    return partition;
  }

  /**
   * The stream, under Samza's accessor name.
   *
   * @return the stream
   */
  public SystemStream getSystemStream() {
    return systemStream;
  }

  /** Orders by system, stream, then partition number. */
  @Override
  public int compareTo(SystemStreamPartition other) {
    int byStream = systemStream.compareTo(other.systemStream);
    return byStream != 0 ? byStream : partition.compareTo(other.partition);
  }

  /**
   * The written form, which {@link #parse(String)} reads back.
   *
   * @return for example {@code kafka.flights#0}
   */
  @Override
  public String toString() {
    return systemStream + "#" + partition.id();
  }
}
