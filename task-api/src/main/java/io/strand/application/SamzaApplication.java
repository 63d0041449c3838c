package io.strand.application;

import io.strand.application.descriptors.ApplicationDescriptor;

/**
 * A job declared in code, named by {@code app.class}, as Samza 1.x's {@code SamzaApplication}.
 * Implement {@link TaskApplication} for a low-level job.
 *
 * <p>Where {@link #describe} runs: once when the job's configuration is loaded (by
 * {@code run-job} and every runner), and again in each container when it starts, to take the task
 * factory. It must describe the same job every time, from the configuration it is given.
 *
 * @param <S> the descriptor type the application fills in
 */
public interface SamzaApplication<S extends ApplicationDescriptor<?>> {

  /**
   * Describes the job: its systems, streams and processing.
   *
   * @param appDescriptor the descriptor to fill in; its {@code getConfig()} is the job's
   *     configuration as loaded from the properties file
   */
  void describe(S appDescriptor);
}
