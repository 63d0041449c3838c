package io.strand.container.runner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides whether a failed container is restarted, as Samza's cluster manager does: each
 * container may fail up to {@code cluster-manager.container.retry.count} times within any
 * {@code cluster-manager.container.retry.window.ms}; one failure more inside the window fails the
 * job. A retry count of 0 means no restart at all.
 *
 * <p>Pure: the caller passes the clock. Threading: not thread-safe; one owner (the runner's
 * supervisor) at a time, or external synchronisation.
 */
public final class RestartPolicy {

  private final int retryCount;
  private final long retryWindowMs;
  private final Map<String, Deque<Long>> failures = new HashMap<>();

  /**
   * Creates a policy.
   *
   * @param retryCount failures of one container tolerated inside the window, at least 0
   * @param retryWindowMs the window in ms, at least 1
   * @throws IllegalArgumentException if either is out of range
   */
  public RestartPolicy(int retryCount, long retryWindowMs) {
    if (retryCount < 0 || retryWindowMs < 1) {
      throw new IllegalArgumentException("expected retry count >= 0 and window >= 1 ms, got " + retryCount
          + " and " + retryWindowMs);
    }
    this.retryCount = retryCount;
    this.retryWindowMs = retryWindowMs;
  }

  /**
   * Records a failure of a container and decides.
   *
   * @param containerId the container that failed
   * @param nowMs the time of the failure in ms, from any clock that does not go back
   * @return true to restart it; false when this failure is one too many and the job must fail
   */
  public boolean onFailure(String containerId, long nowMs) {
    Deque<Long> times = failures.computeIfAbsent(containerId, id -> new ArrayDeque<>());
    times.addLast(nowMs);
    while (!times.isEmpty() && times.peekFirst() <= nowMs - retryWindowMs) {
      times.removeFirst();
    }
    return times.size() <= retryCount;
  }

  /**
   * Failures of a container that still count, as of the last {@link #onFailure} call for it.
   *
   * @param containerId the container
   * @return the number of failures inside the window
   */
  public int failuresInWindow(String containerId) {
    Deque<Long> times = failures.get(containerId);
    return times == null ? 0 : times.size();
  }

  /**
   * A one-line description for logs and failure messages.
   *
   * @return for example {@code at most 8 failures per 300000 ms}
   */
  @Override
  public String toString() {
    return "at most " + retryCount + " failure(s) per " + retryWindowMs + " ms";
  }
}
