package io.strand.container.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@link ProcessJob} starts one container's JVM: {@code java <task.opts> [class-data sharing
 * options] -cp <class path> io.strand.container.runner.ContainerMain --config-path <file>
 * --container-id <id> --endpoints-file <file> [--status-url <url>]}, with the config's secrets
 * added to the child's environment.
 *
 * @param configFile the job's effective config file
 * @param environment variables added to the child's environment (the config's secrets)
 * @param workDir where the children's work files go (endpoints files, logs)
 * @param jvmOptions the children's JVM options ({@code task.opts}, split at whitespace)
 * @param classPath the children's class path
 */
record ContainerCommandLine(Path configFile, Map<String, String> environment, Path workDir,
    List<String> jvmOptions, String classPath) {

  ContainerCommandLine {
    environment = Map.copyOf(environment);
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * A process builder for one container's JVM, its output not redirected.
   *
   * @param containerId the container id
   * @param sharingOptions class-data sharing options for this start; empty when off
   * @param statusUrl the job's status page to report to, or null when the page is off
   * @return a new builder with the command line and environment set
   */
  ProcessBuilder processBuilder(String containerId, List<String> sharingOptions, String statusUrl) {
    ProcessBuilder builder = new ProcessBuilder(command(containerId, sharingOptions, statusUrl));
    builder.environment().putAll(environment);
    return builder;
  }

  List<String> command(String containerId, List<String> sharingOptions, String statusUrl) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(sharingOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(ContainerMain.class.getName());
    command.add("--config-path");
    command.add(configFile.toString());
    command.add("--container-id");
    command.add(containerId);
    command.add("--endpoints-file");
    command.add(EndpointsFile.of(workDir, containerId).toString());
    if (statusUrl != null) {
      command.add("--status-url");
      command.add(statusUrl);
    }
    return command;
  }
}
