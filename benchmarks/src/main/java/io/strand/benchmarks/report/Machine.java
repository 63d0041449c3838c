package io.strand.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A one-line description of the machine and JVM the suite ran on, for the report.
 *
 * <p>Threading: stateless.
 */
public final class Machine {

  private Machine() {
  }

  /** @return e.g. "2 cores (Intel Xeon ...), 24 GiB RAM, Linux 6.1 amd64" */
  public static String describe() {
    String cpu = firstLine(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).trim())
        .orElse("unknown CPU");
    String mem = firstLine(Path.of("/proc/meminfo"), "MemTotal")
        .map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB RAM")
        .orElse("unknown RAM");
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
  }

  /** @return e.g. "OpenJDK 64-Bit Server VM 17.0.13 (Debian)" */
  public static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + ")";
  }

  /** @return the 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Optional<String> firstLine(Path file, String prefix) {
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(prefix)).findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
