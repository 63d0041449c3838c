package io.strand;

/**
 * One partition of a stream, by number (for Kafka, the topic partition). Immutable and
 * thread-safe.
 *
 * @param id the partition number, from 0
 */
public record Partition(int id) implements Comparable<Partition> {

  /**
   * Checks the number.
   *
   * @param id the partition number, from 0
   * @throws IllegalArgumentException if {@code id} is negative
   */
  public Partition {
    if (id < 0) {
      throw new IllegalArgumentException("a partition number cannot be negative, got " + id);
    }
  }

  /**
   * The partition number, under Samza's accessor name.
   *
   * @return the partition number, from 0
   */
  public int getPartitionId() {
    return id;
  }

  /** Orders by partition number. */
  @Override
  public int compareTo(Partition other) {
    return Integer.compare(id, other.id);
  }

  /**
   * A readable form for logs.
   *
   * @return for example {@code Partition[3]}
   */
  @Override
  public String toString() {
    return "Partition[" + id + "]";
  }
}
