package io.strand.config.load;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.application.ApplicationLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a job's configuration the way Samza's {@code run-job} does: a {@code .properties} file,
 * then {@code --config key=value} overrides laid over it, then {@code ${VAR}} /
 * {@code ${VAR:-default}} references replaced (see {@link VariableSubstitution}).
 *
 * <p>The file is read as UTF-8 with {@link Properties} syntax. The resulting {@link Config}'s
 * {@link Config#source() source} is the file path as given; overridden keys report
 * {@value #OVERRIDE_SOURCE} from {@link Config#sourceOf(String)}. A key written twice in the
 * file keeps its last value and is logged as a warning.
 *
 * <p>When {@code app.class} names an application, its descriptors' keys are added last, under the
 * file's and the overrides' ({@link ApplicationLoader#resolve}).
 *
 * <p>Every problem found while loading (unreadable file, malformed override, unset variable) is
 * collected into one {@link ConfigException}. Loading does not check the meaning of keys; run
 * {@code io.strand.config.validate.ConfigValidator} on the result for that.
 *
 * <p>Threading: immutable; safe from any thread if the variable lookup is.
 */
public final class ConfigLoader {

  /** The source named for values that came from {@code --config} overrides. */
  public static final String OVERRIDE_SOURCE = "--config override";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private final VariableSubstitution substitution;

  /** Creates a loader that substitutes variables from the process environment. */
  public ConfigLoader() {
    this(System::getenv);
  }

  /**
   * Creates a loader that substitutes variables through {@code environment}.
   *
   * @param environment returns a variable's value or null when unset; tests pass a
   *     {@code Map::get} so they do not depend on the real environment
   */
  public ConfigLoader(Function<String, String> environment) {
    this.substitution = new VariableSubstitution(environment);
  }

  /**
   * Loads a properties file with no overrides.
   *
   * @param file the {@code .properties} file
   * @return the configuration, variables substituted, with the file path as source
   * @throws ConfigException if the file is missing or unreadable, or a variable is unset
   */
  public Config load(Path file) {
    return load(file, List.of());
  }

  /**
   * Loads a properties file and lays overrides over it.
   *
   * @param file the {@code .properties} file
   * @param overrides {@code key=value} strings, in command-line order (a later one wins)
   * @return the configuration, variables substituted, with the file path as source
   * @throws ConfigException listing every problem: the file missing or unreadable (naming the
   *     file), each malformed override, each unset variable without a default (naming the key
   *     and the variable); or naming {@code app.class} when the application cannot be described
   */
  public Config load(Path file, List<String> overrides) {
    Objects.requireNonNull(file, "file");
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, String> fromFile = readProperties(file, problems);
    Map<String, String> fromOverrides = Overrides.parse(overrides, OVERRIDE_SOURCE, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Config config = new Config(fromFile, file.toString()).withOverrides(fromOverrides, OVERRIDE_SOURCE);
    return ApplicationLoader.resolve(substitution.apply(config));
  }

  /**
   * Builds a configuration from overrides alone, for jobs configured entirely on the command
   * line or in tests.
   *
   * @param overrides {@code key=value} strings
   * @return the configuration, variables substituted, with source {@value #OVERRIDE_SOURCE}
   * @throws ConfigException listing each malformed override and each unset variable
   */
  public Config fromOverrides(List<String> overrides) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, String> parsed = Overrides.parse(overrides, OVERRIDE_SOURCE, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return ApplicationLoader.resolve(substitution.apply(new Config(parsed, OVERRIDE_SOURCE)));
  }

  private static Map<String, String> readProperties(Path file, List<ConfigProblem> problems) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      problems.add(new ConfigProblem("", source, "is a directory; expected a .properties file"));
      return Map.of();
    }
    DuplicateNoticingProperties properties = new DuplicateNoticingProperties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      problems.add(new ConfigProblem("", source, "config file not found (working directory "
          + Path.of("").toAbsolutePath() + "); expected a readable .properties file"));
      return Map.of();
    } catch (CharacterCodingException e) {
      problems.add(new ConfigProblem("", source, "config file is not valid UTF-8"));
      return Map.of();
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: Properties rejects a malformed \\uXXXX escape.
      problems.add(new ConfigProblem("", source, "config file could not be read: " + e));
      return Map.of();
    }
    for (String key : properties.duplicates) {
      LOG.warn("Config key '{}' is set more than once in {}; the last value wins", key, source);
    }
    Map<String, String> entries = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      entries.put(key, properties.getProperty(key));
    }
    return entries;
  }

  // Properties.load stores each entry through put(), which is the only place a repeat shows.
  private static final class DuplicateNoticingProperties extends Properties {
    private static final long serialVersionUID = 1L;
    private final transient List<String> duplicates = new ArrayList<>();

    @Override
    public synchronized Object put(Object key, Object value) {
      Object previous = super.put(key, value);
      if (previous != null) {
        duplicates.add(String.valueOf(key));
      }
      return previous;
    }
  }
}
