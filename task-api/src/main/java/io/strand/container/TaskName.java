package io.strand.container;

/**
 * The name of one task, for example {@code Partition 0} (the name Samza's and Strand's default
 * grouper gives the task that holds partition 0 of every input). Checkpoints, changelog
 * partitions and store directories are keyed by it, so a job's task names must not change once
 * it has run. Immutable and thread-safe.
 *
 * @param name the name; not blank
 */
public record TaskName(String name) implements Comparable<TaskName> {

  /**
   * Checks the name.
   *
   * @param name the name; not blank
   * @throws IllegalArgumentException if {@code name} is null or blank
   */
  public TaskName {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a task name cannot be blank, got " + (name == null ? "null" : "'" + name + "'"));
    }
  }

  /**
   * The name, under Samza's accessor name.
   *
   * @return the name
   */
  public String getTaskName() {
    return name;
  }

  /** Orders by name, as text (so {@code Partition 10} sorts before {@code Partition 2}, as in Samza). */
  @Override
  public int compareTo(TaskName other) {
    return name.compareTo(other.name);
  }

  /**
   * The name itself.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return name;
  }
}
