package io.strand.container.runner;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a submitted job stands.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param state the state
 * @param cause why the job failed: a one-line description naming the container; present only
 *     when {@code state} is {@link State#FAILED}
 */
public record JobStatus(State state, Optional<String> cause) {

  /** The states of a job. */
  public enum State {
    /** Containers are starting or running. */
    RUNNING,
    /** Every container finished by itself (for example every bounded input ended). */
    SUCCEEDED,
    /** A container failed beyond the restart policy; the other containers were stopped. */
    FAILED,
    /** The job was stopped on request ({@link StreamJob#kill()}). */
    KILLED
  }

  /** The status of a running job. */
  public static final JobStatus RUNNING = new JobStatus(State.RUNNING, Optional.empty());
  /** The status of a job that finished by itself. */
  public static final JobStatus SUCCEEDED = new JobStatus(State.SUCCEEDED, Optional.empty());
  /** The status of a job stopped on request. */
  public static final JobStatus KILLED = new JobStatus(State.KILLED, Optional.empty());

  /**
   * Checks the components.
   *
   * @param state the state
   * @param cause present exactly when {@code state} is {@link State#FAILED}
   * @throws IllegalArgumentException if a cause is given for another state, or missing for
   *     {@link State#FAILED}
   */
  public JobStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(cause, "cause");
    if (cause.isPresent() != (state == State.FAILED)) {
      throw new IllegalArgumentException("a cause goes with FAILED and only with it; got " + state + " " + cause);
    }
  }

  /**
   * The status of a failed job.
   *
   * @param cause what failed, naming the container
   * @return the status
   */
  public static JobStatus failed(String cause) {
    return new JobStatus(State.FAILED, Optional.of(cause));
  }

  /**
   * Whether the job has ended, one way or another.
   *
   * @return true unless {@link State#RUNNING}
   */
  public boolean isFinished() {
    return state != State.RUNNING;
  }

  @Override
  public String toString() {
    return cause.map(c -> state + ": " + c).orElse(state.name());
  }
}
