package io.strand.config.application;

import io.strand.application.TaskApplication;
import io.strand.config.Config;

/**
 * The built-in {@link ApplicationKind}: Samza 1.x's low-level {@link TaskApplication}.
 *
 * <p>Threading: stateless.
 */
public final class TaskApplicationKind implements ApplicationKind {

  /** Creates the kind; the loader does. */
  public TaskApplicationKind() {
  }

  @Override
  public boolean accepts(Class<?> applicationClass) {
    return TaskApplication.class.isAssignableFrom(applicationClass);
  }

  @Override
  public String interfaceName() {
    return TaskApplication.class.getName();
  }

  @Override
  public DescribedApplication describe(Object application, Config config) {
    TaskApplicationDescriptorImpl descriptor = new TaskApplicationDescriptorImpl(config);
    ((TaskApplication) application).describe(descriptor);
    return descriptor.described(application.getClass().getName());
  }
}
