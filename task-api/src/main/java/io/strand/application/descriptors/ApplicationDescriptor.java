package io.strand.application.descriptors;

import io.strand.config.Config;
import io.strand.system.descriptors.SystemDescriptor;

/**
 * What every application descriptor offers, as Samza's {@code ApplicationDescriptor}.
 *
 * @param <S> the concrete descriptor type, returned for chaining
 */
public interface ApplicationDescriptor<S extends ApplicationDescriptor<S>> {

  /**
   * The job's configuration as loaded (properties file and {@code --config} overrides), before
   * the descriptors' keys are added.
   *
   * @return the configuration
   */
  Config getConfig();

  /**
   * The system of streams and job topics that name none: sets {@code job.default.system} and
   * adds the system's keys.
   *
   * @param defaultSystemDescriptor the system
   * @return this descriptor
   */
  S withDefaultSystem(SystemDescriptor<?> defaultSystemDescriptor);
}
