package io.strand.config.validate;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a class named in configuration exists, is concrete and implements one of some
 * interfaces, without this module depending on the modules that define those interfaces: the
 * interfaces are looked up by name. When none of them is on the class path (a tool validating a
 * job without task-api), only the class's existence is checked.
 *
 * <p>Classes are loaded without initialization, so no user code runs.
 *
 * <p>Threading: immutable; safe from any thread.
 */
final class ClassCheck {

  private final ClassLoader loader;

  ClassCheck(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * What is wrong with the class, or empty when it is fine.
   *
   * @param className the fully qualified name from configuration
   * @param interfaceNames acceptable interfaces; the class must implement at least one
   */
  Optional<String> problemWith(String className, List<String> interfaceNames) {
    String expected = String.join(" or ", interfaceNames);
    Optional<Class<?>> loaded = load(className);
    if (loaded.isEmpty()) {
      return Optional.of("class '" + className + "' was not found on the classpath; expected an implementation of " + expected);
    }
    Class<?> type = loaded.get();
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      return Optional.of("class '" + className + "' is abstract or an interface; expected a concrete implementation of " + expected);
    }
    List<Class<?>> interfaces = new ArrayList<>();
    for (String name : interfaceNames) {
      load(name).ifPresent(interfaces::add);
    }
    if (interfaces.isEmpty() || interfaces.stream().anyMatch(i -> i.isAssignableFrom(type))) {
      return Optional.empty();
    }
    return Optional.of("class '" + className + "' does not implement " + expected);
  }

  private Optional<Class<?>> load(String name) {
    try {
      return Optional.of(Class.forName(name, false, loader));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
