package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Parsing shared by the views: names under a prefix, bounded numbers, optional numbers and
 * streams, each failing with a {@link ConfigException} that names the key.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class Values {

  private Values() {}

  /**
   * The distinct names {@code n} of keys shaped {@code <prefix><n>.<rest>}; names have no dots,
   * as Samza's system and store names.
   */
  static SortedSet<String> namesUnder(Config config, String prefix) {
    SortedSet<String> names = new TreeSet<>();
    for (String key : config.subset(prefix).keySet()) {
      int dot = key.indexOf('.');
      if (dot > 0) {
        names.add(key.substring(0, dot));
      }
    }
    return Collections.unmodifiableSortedSet(names);
  }

  static int intAtLeast(Config config, String key, int defaultValue, int min) {
    int value = config.getInt(key, defaultValue);
    if (value < min) {
      throw config.problem(key, "expected a whole number of at least " + min + ", got " + value);
    }
    return value;
  }

  static long longAtLeast(Config config, String key, long defaultValue, long min) {
    long value = config.getLong(key, defaultValue);
    if (value < min) {
      throw config.problem(key, "expected a whole number of at least " + min + ", got " + value);
    }
    return value;
  }

  static long durationAtLeast(Config config, String key, long defaultMs, long minMs) {
    long value = config.getDurationMs(key, defaultMs);
    if (value < minMs) {
      throw config.problem(key, "expected a duration of at least " + minMs + " ms, got " + value + " ms");
    }
    return value;
  }

  static OptionalInt optionalIntAtLeast(Config config, String key, int min) {
    return config.containsKey(key) ? OptionalInt.of(intAtLeast(config, key, 0, min)) : OptionalInt.empty();
  }

  static OptionalLong optionalLongAtLeast(Config config, String key, long min) {
    return config.containsKey(key) ? OptionalLong.of(longAtLeast(config, key, 0, min)) : OptionalLong.empty();
  }

  /** The trimmed value, or empty when the key is absent or blank. */
  static Optional<String> nonBlank(Config config, String key) {
    return config.get(key).map(String::trim).filter(v -> !v.isEmpty());
  }

  static <T> Optional<T> parsed(Config config, String key, Function<String, Optional<T>> parser, String expected) {
    Optional<String> raw = nonBlank(config, key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Optional<T> value = parser.apply(raw.get());
    if (value.isEmpty()) {
      throw config.problem(key, "expected " + expected + ", got '" + raw.get() + "'");
    }
    return value;
  }

  /**
   * Parses every item of a comma-separated list, reporting every malformed item at once.
   */
  static <T> List<T> parsedList(Config config, String key, Function<String, Optional<T>> parser, String expected) {
    List<T> values = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (String item : config.getList(key)) {
      Optional<T> value = parser.apply(item);
      if (value.isPresent()) {
        values.add(value.get());
      } else {
        problems.add(new ConfigProblem(key, config.sourceOf(key),
            "expected " + expected + ", got '" + item + "'"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return List.copyOf(values);
  }
}
