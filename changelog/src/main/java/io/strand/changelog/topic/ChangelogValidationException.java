package io.strand.changelog.topic;

import java.util.List;

/**
 * A changelog topic exists but cannot hold the job's state: it is not compacted (old state would
 * be deleted by retention), or it has fewer partitions than the job has tasks (tasks would share
 * or lack a partition). The container must not start; the message names every such topic and what
 * is wrong, and how to fix it.
 *
 * <p>Threading: immutable once thrown.
 */
public final class ChangelogValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One line per problem, each naming the topic and store. */
  private final List<String> problems;

  /**
   * Creates one.
   *
   * @param problems one line per problem
   */
  public ChangelogValidationException(List<String> problems) {
    super("changelog topics cannot be used: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * What is wrong, one line per topic problem.
   *
   * @return the problems
   */
  public List<String> problems() {
    return problems;
  }
}
