package io.strand.yarn.am;

/**
 * Where one logical container of the job model stands in the AM.
 *
 * <p>Threading: constants.
 */
public enum SlotState {
  /** A container has been asked for and not yet allocated. */
  REQUESTED,
  /** A container was allocated and is being started by its NodeManager. */
  LAUNCHING,
  /** The container process runs. */
  RUNNING,
  /** It exited 0 by itself (its bounded inputs ended). */
  FINISHED,
  /** It was stopped on request (kill, or the job failing elsewhere). */
  STOPPED,
  /** It failed one time too many; the job fails. */
  FAILED;

  /**
   * Whether the slot is done for good.
   *
   * @return true for {@link #FINISHED}, {@link #STOPPED} and {@link #FAILED}
   */
  public boolean isEnded() {
    return this == FINISHED || this == STOPPED || this == FAILED;
  }
}
