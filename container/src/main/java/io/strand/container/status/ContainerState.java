package io.strand.container.status;

/**
 * What a runner knows of one container of the job model, for the status page.
 *
 * <p>Threading: an immutable value.
 *
 * @param id the logical container id of the job model
 * @param state the runner's state name: {@code REQUESTED}, {@code LAUNCHING}, {@code RUNNING},
 *     {@code RESTARTING}, {@code FINISHED}, {@code STOPPED}, {@code FAILED}; may carry a note after a
 *     space (for example {@code RUNNING (kept from previous attempt)})
 * @param ended whether the container is done for good (it sends no more reports)
 * @param host the host it runs (or last ran) on, empty before the first start
 * @param processId its current (or last) process: the YARN container id, the pid, or empty under the
 *     thread runner; a report counts only when its {@code yarnContainerId} equals this
 * @param restarts how often it was started again after its first start
 * @param startedMs when its current process started, in epoch ms; 0 when none runs
 * @param lastExit how its previous process ended, empty if none did
 * @param logUrl where its log can be read (absolute, or relative to the page), empty if nowhere
 */
public record ContainerState(String id, String state, boolean ended, String host, String processId, int restarts,
    long startedMs, String lastExit, String logUrl) {}
