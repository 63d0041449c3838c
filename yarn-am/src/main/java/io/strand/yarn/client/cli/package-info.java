/**
 * The distribution's job tools ({@code bin/run-job.sh}, {@code kill-job.sh}, {@code status-job.sh}):
 * one picocli entry point, {@link io.strand.yarn.client.cli.StrandJobCli}, with {@code run},
 * {@code kill} and {@code status} subcommands. {@code run} loads the config as the container
 * module's {@code run-job} does and runs non-YARN jobs through it.
 */
package io.strand.yarn.client.cli;
