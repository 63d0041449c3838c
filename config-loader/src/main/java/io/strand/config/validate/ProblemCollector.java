package io.strand.config.validate;

import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gathers problems from many checks instead of stopping at the first. Runs a typed getter and
 * keeps its {@link ConfigException}'s problems; identical problems (a per-stream setting falling
 * back to the same bad per-system value) are kept once, in the order first found.
 *
 * <p>Threading: mutable; confined to the thread running one validation.
 */
final class ProblemCollector {

  private final Set<ConfigProblem> problems = new LinkedHashSet<>();

  /** Runs a getter; its value, or empty when it threw a {@link ConfigException}. */
  <T> Optional<T> get(Supplier<T> getter) {
    try {
      return Optional.ofNullable(getter.get());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  void add(ConfigProblem problem) {
    problems.add(problem);
  }

  List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }
}
