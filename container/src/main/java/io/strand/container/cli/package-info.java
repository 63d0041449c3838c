/** The {@code run-job} command line. */
package io.strand.container.cli;
