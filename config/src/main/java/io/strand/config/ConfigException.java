package io.strand.config;

import java.util.List;

/**
 * Thrown when a configuration is missing a key or holds a value of the wrong form. Carries every
 * problem found, so one run of validation reports all of them at once; its message lists each
 * problem on its own line, naming the key, the source file and what was expected.
 *
 * <p>Threading: immutable once constructed; safe to share between threads.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  // Transient: the message already lists every problem, and keeping the record out of the
  // serialized form avoids tying it to Java serialization. Null after deserialization.
  private final transient List<ConfigProblem> problems;

  /**
   * Creates an exception listing the given problems.
   *
   * @param problems the problems found, at least one
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Creates an exception for a single problem.
   *
   * @param problem the problem found
   */
  public ConfigException(ConfigProblem problem) {
    this(List.of(problem));
  }

  /**
   * The problems this exception reports, in the order found.
   *
   * @return an immutable list, non-empty except on an exception that was deserialized (the
   *     message still lists the problems then)
   */
  public List<ConfigProblem> problems() {
    return problems == null ? List.of() : problems;
  }

  private static String render(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    StringBuilder text = new StringBuilder();
    text.append(problems.size() == 1 ? "1 configuration problem:" : problems.size() + " configuration problems:");
    for (ConfigProblem problem : problems) {
      text.append(System.lineSeparator()).append("  - ").append(problem);
    }
    return text.toString();
  }
}
