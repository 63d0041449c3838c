package io.strand.yarn.client.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The distribution's job tools, one JVM entry point for {@code bin/run-job.sh},
 * {@code bin/kill-job.sh} and {@code bin/status-job.sh}:
 * {@code run --config-path <file> [--config k=v]... [--wait]}, {@code kill <application id>},
 * {@code status <application id>}. Exit codes: 0 success, 1 failure (job failed, cannot reach
 * YARN), 2 bad command line or config.
 *
 * <p>Threading: runs on the calling thread.
 */
@Command(name = "strand-job", mixinStandardHelpOptions = true,
    subcommands = {RunCommand.class, KillCommand.class, StatusCommand.class},
    description = "Runs, kills and shows Strand jobs (YARN or local).")
public final class StrandJobCli {

  private StrandJobCli() {}

  /**
   * Runs a subcommand and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new StrandJobCli()).execute(args));
  }
}
