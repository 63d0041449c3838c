package io.strand.container.status;

import java.util.List;

/**
 * What a runner tells its status page: the job, its containers and the ends of their processes.
 *
 * <p>Threading: implementations are thread-safe; called from the HTTP server's threads.
 */
public interface StatusSource {

  /**
   * The job now.
   *
   * @return the header
   */
  JobHeader header();

  /**
   * Every container of the job model now, in the model's order.
   *
   * @param nowMs the time, in epoch ms
   * @return one state per container
   */
  List<ContainerState> containers(long nowMs);

  /**
   * The container processes that ended before their container was done, oldest first.
   *
   * @return the events (a runner keeps a bounded number)
   */
  List<RestartEvent> restarts();
}
