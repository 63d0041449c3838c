package io.strand.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

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

  /**
   * The Kafka versions on this class path, which every JVM of the suite (broker, workers) shares.
   * The broker ({@code kafka_2.13}) and the clients come from the same {@code kafka.version}.
   *
   * @return e.g. "Kafka broker / kafka-clients / Kafka Streams 4.4.0", or the two versions apart
   *     when the clients and Kafka Streams jars differ
   */
  public static String kafkaVersions() {
    String clients = jarVersion("kafka/kafka-version.properties");
    String streams = jarVersion("kafka/kafka-streams-version.properties");
    return clients.equals(streams)
        ? "Kafka broker / kafka-clients / Kafka Streams " + clients
        : "Kafka broker / kafka-clients " + clients + ", Kafka Streams " + streams;
  }

  /**
   * The version file a Kafka jar carries (kafka-clients and Kafka Streams read their own for their
   * app-info metrics); read directly because the class that parses it is internal.
   */
  private static String jarVersion(String resource) {
    try (InputStream in = Machine.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
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
