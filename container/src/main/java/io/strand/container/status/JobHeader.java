package io.strand.container.status;

/**
 * What a runner knows of the job as a whole, for the top of the status page.
 *
 * <p>Threading: an immutable value.
 *
 * @param job {@code <job.name>-<job.id>}
 * @param runner {@code thread}, {@code process} or {@code yarn}
 * @param detail one line on where it runs (for example the YARN application and AM attempt), or
 *     empty
 * @param state {@code RUNNING}, {@code STOPPING}, or the final status ({@code SUCCEEDED},
 *     {@code KILLED}, {@code FAILED})
 * @param diagnostics why the job failed or is stopping; empty otherwise
 * @param startedMs when the runner (or this AM attempt) started, in epoch ms
 * @param attempt the YARN application master's attempt, from 1; 1 under the local runners
 */
public record JobHeader(String job, String runner, String detail, String state, String diagnostics,
    long startedMs, int attempt) {}
