package io.strand.task;

import io.strand.context.Context;

/**
 * A task that sets itself up before its first message, as Samza's {@code InitableTask}.
 *
 * <p>{@code init} runs once per task instance, on the container's thread, after the task's stores
 * have been restored and before its consumers start, so stores already hold the state as of the
 * last checkpoint.
 */
public interface InitableTask {

  /**
   * Sets the task up: look up stores, read configuration, open clients.
   *
   * @param context the job's, container's and this task's context; may be kept for the task's life
   * @throws Exception anything; it fails the container before any message is processed
   */
  void init(Context context) throws Exception;
}
