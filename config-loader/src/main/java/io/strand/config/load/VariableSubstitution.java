package io.strand.config.load;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration values with the value of
 * a variable, looked up through an injected function (the process environment in production).
 *
 * <p>Forms, as the POSIX shell's parameter expansion:
 * <ul>
 *   <li>{@code ${NAME}}: the variable's value (an empty value is kept); unset is a problem;</li>
 *   <li>{@code ${NAME:-default}}: the variable's value, or {@code default} (literal text up to the
 *       first <code>&#125;</code>, not itself expanded) when the variable is unset or empty;</li>
 *   <li>{@code $${...}}: a literal {@code ${...}}, for values that must keep the characters.</li>
 * </ul>
 * A {@code $} not followed by <code>&#123;</code> is kept as is. Names are letters, digits and {@code _},
 * not starting with a digit.
 *
 * <p>Threading: immutable; safe from any thread if the lookup function is.
 */
public final class VariableSubstitution {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String DEFAULT_SEPARATOR = ":-";

  private final Function<String, String> lookup;

  /**
   * Creates a substitution that reads variables through {@code lookup}.
   *
   * @param lookup returns a variable's value, or null when it is unset; for example
   *     {@code System::getenv}, or a {@code Map::get} in tests
   */
  public VariableSubstitution(Function<String, String> lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * A substitution over the process environment ({@link System#getenv(String)}).
   *
   * @return the substitution
   */
  public static VariableSubstitution fromEnvironment() {
    return new VariableSubstitution(System::getenv);
  }

  /**
   * Substitutes variables in every value of a configuration.
   *
   * @param config the configuration whose values may hold {@code ${...}} references
   * @return a configuration with the same keys and sources and every reference replaced
   * @throws ConfigException listing every unset variable without a default and every malformed
   *     reference, each naming the key, the source of its value and the variable
   */
  public Config apply(Config config) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, String> substituted = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : config.asMap().entrySet()) {
      String value = substitute(e.getValue(), e.getKey(), config.sourceOf(e.getKey()), problems);
      if (!value.equals(e.getValue())) {
        substituted.put(e.getKey(), value);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    // Re-apply changed values grouped by their own source so override provenance survives.
    Map<String, Map<String, String>> bySource = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : substituted.entrySet()) {
      bySource.computeIfAbsent(config.sourceOf(e.getKey()), s -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
    }
    Config result = config;
    for (Map.Entry<String, Map<String, String>> group : bySource.entrySet()) {
      result = result.withOverrides(group.getValue(), group.getKey());
    }
    return result;
  }

  /**
   * Substitutes variables in one value.
   *
   * @param value the raw value
   * @param key the key holding it, for problems
   * @param source where the value came from, for problems
   * @param problems where problems are added; the returned text is meaningless if any were
   * @return the value with references replaced
   */
  String substitute(String value, String key, String source, List<ConfigProblem> problems) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (value.startsWith("${", i)) {
        int end = value.indexOf('}', i + 2);
        if (end < 0) {
          problems.add(new ConfigProblem(key, source,
              "unterminated '${' in value; expected ${NAME} or ${NAME:-default} (write $${ for a literal ${)"));
          return value;
        }
        out.append(resolve(value.substring(i + 2, end), key, source, problems));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private String resolve(String reference, String key, String source, List<ConfigProblem> problems) {
    int separator = reference.indexOf(DEFAULT_SEPARATOR);
    String name = separator < 0 ? reference : reference.substring(0, separator);
    String fallback = separator < 0 ? null : reference.substring(separator + DEFAULT_SEPARATOR.length());
    if (!NAME.matcher(name).matches()) {
      problems.add(new ConfigProblem(key, source, "'${" + reference
          + "}' is not a variable reference; expected ${NAME} or ${NAME:-default} where NAME is letters, digits and _"));
      return "";
    }
    String found = lookup.apply(name);
    if (fallback != null && (found == null || found.isEmpty())) {
      return fallback;
    }
    if (found == null) {
      problems.add(new ConfigProblem(key, source, "environment variable '" + name
          + "' is not set and has no default; set it or write ${" + name + ":-default}"));
      return "";
    }
    return found;
  }
}
