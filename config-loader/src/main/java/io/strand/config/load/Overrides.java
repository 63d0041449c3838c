package io.strand.config.load;

import io.strand.config.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses command-line overrides given as {@code key=value} strings (the arguments of
 * {@code --config}, as Samza's {@code run-job} takes them). The value is everything after the
 * first {@code =}, so values may contain {@code =}; the key is trimmed, the value is not. A
 * later override of the same key wins.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class Overrides {

  private Overrides() {}

  /**
   * Parses overrides, adding a problem for each malformed one and leaving it out.
   *
   * @param overrides the {@code key=value} strings, in command-line order
   * @param source the source named in problems
   * @param problems where problems are added
   * @return the parsed entries, in order
   */
  static Map<String, String> parse(List<String> overrides, String source, List<ConfigProblem> problems) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String override : overrides) {
      int eq = override == null ? -1 : override.indexOf('=');
      if (eq < 0) {
        String shown = override == null ? "null" : override.trim();
        problems.add(new ConfigProblem(shown, source,
            "malformed override '" + shown + "'; expected key=value"));
        continue;
      }
      String key = override.substring(0, eq).trim();
      if (key.isEmpty()) {
        // The value is not echoed: it may be a secret meant for a key the user forgot to type.
        problems.add(new ConfigProblem("", source, "an override has an empty key; expected key=value"));
        continue;
      }
      parsed.put(key, override.substring(eq + 1));
    }
    return parsed;
  }
}
