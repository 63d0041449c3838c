package io.strand.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: which key, in which source, and what was expected.
 *
 * <p>A problem with a whole source rather than one key (a file that cannot be read) has an empty
 * {@code key} and renders without it.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param key the configuration key at fault, for example {@code task.commit.ms}; empty when the
 *     problem concerns the whole source
 * @param source where the configuration came from: a file path, or a description such as
 *     {@code "--config overrides"}; never null
 * @param problem what is wrong and what was expected, for example
 *     {@code "expected a duration such as 5000, 5000ms, 5s or PT5S, got 'soon'"}
 */
public record ConfigProblem(String key, String source, String problem) {

  /**
   * Checks that no component is null.
   *
   * @param key the configuration key at fault; empty when the problem concerns the whole source
   * @param source where the configuration came from, a file path or a description
   * @param problem what is wrong and what was expected
   * @throws NullPointerException if any component is null
   */
  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(problem, "problem");
  }

  /**
   * Renders the problem as one line: {@code key 'k' in <source>: <problem>}, or
   * {@code <source>: <problem>} when the key is empty.
   */
  @Override
  public String toString() {
    if (key.isEmpty()) {
      return source + ": " + problem;
    }
    return "key '" + key + "' in " + source + ": " + problem;
  }
}
