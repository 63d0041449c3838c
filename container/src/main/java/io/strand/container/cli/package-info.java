/**
 * The {@code run-job} command line ({@link io.strand.container.cli.RunJobCommand}) and the options
 * that name and load a job's config ({@link io.strand.container.cli.ConfigOptions}), which the
 * YARN module's job tools share.
 */
package io.strand.container.cli;
