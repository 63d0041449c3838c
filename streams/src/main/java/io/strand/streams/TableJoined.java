package io.strand.streams;

/**
 * The name of a foreign-key join, as Kafka Streams' {@code TableJoined}: it names the join's two
 * intermediate topics ({@code <job.name>-<job.id>-<name>-subscription} and {@code -response}) and
 * its subscription store ({@code <name>-subscriptions}, changelogged), so it is required and must
 * stay stable across versions of a job (see {@link KStream} on names).
 *
 * @param name the join's name
 */
public record TableJoined(String name) {

  /**
   * A named foreign-key join.
   *
   * @param name letters, digits, '.', '_' or '-'
   * @return the settings
   */
  public static TableJoined as(String name) {
    return new TableJoined(name);
  }
}
