package io.strand.config.application;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.TaskConfig;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code app.class} into configuration, in the one place every runner goes through
 * ({@link io.strand.config.load.ConfigLoader} calls {@link #resolve}): the named class is made
 * with its public no-argument constructor, the first {@link ApplicationKind} that accepts it runs
 * its {@code describe}, and the keys the descriptors stand for are added to the configuration
 * under the keys already there, so a key in the properties file (or a {@code --config}
 * override) keeps its value, as in Samza. Validation and job-model planning then see ordinary
 * keys.
 *
 * <p>Kinds: {@link TaskApplicationKind} first, then those found through
 * {@link ServiceLoader} (the streams API adds {@code StreamApplication} that way).
 *
 * <p>Resolving is idempotent (a resolved configuration resolves to itself), so a child process
 * or YARN container loading the written configuration again gets the same keys. The task factory
 * cannot be written into configuration: each container calls {@link #describe} to take it.
 *
 * <p>Threading: stateless; classes load through the calling thread's context class loader.
 */
public final class ApplicationLoader {

  /** The key naming the application class, as Samza's {@code app.class}. */
  public static final String APP_CLASS = "app.class";

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationLoader.class);

  private ApplicationLoader() {
  }

  /**
   * The configuration with the application's described keys added under the given ones; the
   * configuration itself when {@code app.class} is unset.
   *
   * @param config the configuration as loaded
   * @return the resolved configuration; added keys report {@code app.class <name>} as their
   *     source
   * @throws ConfigException naming {@code app.class} when the class cannot be loaded or made, is
   *     of no known kind, its {@code describe} fails or gives no task factory, or
   *     {@code task.class} is set too
   */
  public static Config resolve(Config config) {
    Optional<DescribedApplication> described = describe(config);
    if (described.isEmpty()) {
      return config;
    }
    Map<String, String> added = new HashMap<>();
    int overridden = 0;
    for (Map.Entry<String, String> e : described.get().config().entrySet()) {
      if (config.containsKey(e.getKey())) {
        overridden += config.get(e.getKey()).filter(e.getValue()::equals).isPresent() ? 0 : 1;
      } else {
        added.put(e.getKey(), e.getValue());
      }
    }
    if (!added.isEmpty() || overridden > 0) {
      LOG.info("Application {}: its descriptors add {} keys; {} keys of {} override theirs",
          className(config), added.size(), overridden, config.source());
    }
    return config.withOverrides(added, APP_CLASS + " " + className(config));
  }

  /**
   * Runs the application's {@code describe}, when {@code app.class} is set.
   *
   * @param config the job configuration (resolved or not)
   * @return what the application described, or empty when {@code app.class} is unset
   * @throws ConfigException as {@link #resolve}
   */
  public static Optional<DescribedApplication> describe(Config config) {
    Optional<String> name = config.get(APP_CLASS).map(String::trim).filter(s -> !s.isEmpty());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (config.get(TaskConfig.TASK_CLASS).filter(s -> !s.isBlank()).isPresent()) {
      throw config.problem(APP_CLASS, "app.class and task.class are both set; an application gives its tasks"
          + " through withTaskFactory: remove task.class (or remove app.class to run task.class as before)");
    }
    ClassLoader loader = loader();
    Class<?> type;
    try {
      type = Class.forName(name.get(), true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw config.problem(APP_CLASS, "class '" + name.get() + "' cannot be loaded (" + e
          + "); expected an implementation of " + expectedInterfaces(loader));
    }
    ApplicationKind kind = kinds(loader).stream().filter(k -> k.accepts(type)).findFirst()
        .orElseThrow(() -> config.problem(APP_CLASS, "class '" + name.get() + "' implements none of "
            + expectedInterfaces(loader)));
    Object application;
    try {
      application = type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw config.problem(APP_CLASS, name.get() + " needs a public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw config.problem(APP_CLASS, "constructor of " + name.get() + " failed: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw config.problem(APP_CLASS, name.get() + " cannot be instantiated: " + e);
    }
    try {
      return Optional.of(kind.describe(application, config));
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw config.problem(APP_CLASS, name.get() + ".describe failed: " + e);
    }
  }

  private static String className(Config config) {
    return config.get(APP_CLASS).map(String::trim).orElse("");
  }

  private static String expectedInterfaces(ClassLoader loader) {
    return kinds(loader).stream().map(ApplicationKind::interfaceName).collect(Collectors.joining(" or "));
  }

  private static List<ApplicationKind> kinds(ClassLoader loader) {
    List<ApplicationKind> kinds = new ArrayList<>();
    kinds.add(new TaskApplicationKind());
    ServiceLoader.load(ApplicationKind.class, loader).forEach(kinds::add);
    return kinds;
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ApplicationLoader.class.getClassLoader();
  }
}
