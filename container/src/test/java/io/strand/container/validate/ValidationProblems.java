package io.strand.container.validate;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;
import java.util.List;
import java.util.Map;

/**
 * The problems whole-job validation with the container's checks finds in a config, for the tests of
 * those checks (no broker: nothing connects).
 */
public final class ValidationProblems {

  private ValidationProblems() {}

  /**
   * Validates a config as {@code run-job} does.
   *
   * @param entries the config's keys and values
   * @param source the file they are said to come from
   * @return every problem found
   */
  public static List<ConfigProblem> of(Map<String, String> entries, String source) {
    return ContainerChecks.validator().problems(new Config(entries, source));
  }

  /**
   * The first problem reported on a key.
   *
   * @param problems the problems found
   * @param key the key
   * @return its problem
   * @throws AssertionError if there is none, listing the problems found
   */
  public static ConfigProblem on(List<ConfigProblem> problems, String key) {
    return problems.stream().filter(p -> p.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem on " + key + " in " + problems));
  }
}
