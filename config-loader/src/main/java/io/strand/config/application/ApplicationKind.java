package io.strand.config.application;

import io.strand.config.Config;

/**
 * One kind of application {@code app.class} may name: {@link TaskApplicationKind} is built in;
 * other modules (the declarative streams API) add theirs through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.strand.config.application.ApplicationKind}). The
 * {@link ApplicationLoader} asks each in turn and uses the first that accepts the class.
 *
 * <p>Threading: implementations are stateless; called from the loading thread.
 */
public interface ApplicationKind {

  /**
   * Whether this kind describes applications of that class.
   *
   * @param applicationClass the class {@code app.class} names
   * @return true to handle it
   */
  boolean accepts(Class<?> applicationClass);

  /**
   * The interface an accepted class implements, for error messages.
   *
   * @return its fully qualified name, for example {@code io.strand.application.TaskApplication}
   */
  String interfaceName();

  /**
   * Runs the application's {@code describe} against a fresh descriptor.
   *
   * @param application a new instance of an accepted class
   * @param config the job's configuration as loaded, before the descriptors' keys
   * @return what the application described
   * @throws io.strand.config.ConfigException naming {@code app.class} when the description is
   *     incomplete (for example no task factory)
   */
  DescribedApplication describe(Object application, Config config);
}
