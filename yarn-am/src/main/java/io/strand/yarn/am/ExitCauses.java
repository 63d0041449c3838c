package io.strand.yarn.am;

import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerStatus;

/**
 * Reads a completed container's status: whether it counts against the restart policy and a
 * one-line description for logs, the status page and the application's diagnostics.
 *
 * <p>As Samza's cluster manager: a container lost to preemption, to failed disks, or aborted
 * (released, or its node lost) did not fail by itself, so it is restarted without counting.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class ExitCauses {

  private ExitCauses() {}

  /**
   * Whether an exit counts as a failure of the container for the restart policy.
   *
   * @param exitStatus the YARN exit status
   * @return false for success and for the exits YARN caused
   */
  static boolean countsAsFailure(int exitStatus) {
    return switch (exitStatus) {
      case ContainerExitStatus.SUCCESS, ContainerExitStatus.PREEMPTED, ContainerExitStatus.DISKS_FAILED,
          ContainerExitStatus.ABORTED, ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER -> false;
      default -> true;
    };
  }

  /**
   * Describes an exit.
   *
   * @param status the container's final status
   * @return for example {@code exit code 137 (killed by signal 9, SIGKILL)} followed by the first
   *     line of YARN's diagnostics, if any
   */
  static String describe(ContainerStatus status) {
    String all = status.getDiagnostics() == null ? "" : status.getDiagnostics().strip();
    // The NodeManager appends the tail of the container's stderr; its last ERROR line says why.
    String reason = all.lines().filter(l -> l.contains(" ERROR ")).reduce((a, b) -> b)
        .map(l -> l.substring(l.indexOf(" ERROR ") + 7).replaceFirst("^\\[[^]]*] \\S+ - ", "").strip())
        .orElseGet(() -> all.lines().findFirst().orElse("").strip());
    String text = describe(status.getExitStatus());
    return reason.isEmpty() ? text : text + ": " + reason;
  }

  /**
   * Describes an exit status.
   *
   * @param exitStatus the YARN exit status
   * @return a short phrase
   */
  static String describe(int exitStatus) {
    return switch (exitStatus) {
      case ContainerExitStatus.SUCCESS -> "exit code 0";
      case ContainerExitStatus.PREEMPTED -> "preempted by YARN";
      case ContainerExitStatus.DISKS_FAILED -> "disks failed on its node";
      case ContainerExitStatus.ABORTED -> "aborted by YARN (released, or its node was lost)";
      case ContainerExitStatus.KILLED_EXCEEDED_PMEM -> "killed for exceeding its physical memory";
      case ContainerExitStatus.KILLED_EXCEEDED_VMEM -> "killed for exceeding its virtual memory";
      case ContainerExitStatus.KILLED_BY_APPMASTER -> "stopped by the application master";
      case ContainerExitStatus.KILLED_BY_RESOURCEMANAGER -> "killed by the ResourceManager";
      case ContainerExitStatus.KILLED_AFTER_APP_COMPLETION -> "killed after the application completed";
      case ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER -> "killed by the container scheduler";
      default -> exitStatus > 128 && exitStatus < 160
          ? "exit code " + exitStatus + " (killed by signal " + (exitStatus - 128) + signalName(exitStatus - 128) + ")"
          : "exit code " + exitStatus;
    };
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 9 -> ", SIGKILL";
      case 15 -> ", SIGTERM";
      case 6 -> ", SIGABRT";
      case 11 -> ", SIGSEGV";
      default -> "";
    };
  }
}
