package io.strand.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link KafkaServerRunner} in its own JVM on this JVM's classpath. The child's stdin is a pipe
 * held by this object: closing it (or this JVM dying) makes the child shut its broker down.
 *
 * <p>Output goes to {@code broker.log} in the data directory; its tail is put into error messages
 * when the child dies while starting. Not thread-safe.
 */
final class ChildBrokerProcess {

    private static final long GRACEFUL_STOP_SECONDS = 30;
    private static final long FORCED_STOP_SECONDS = 10;

    private final Process process;
    private final Path logFile;

    private ChildBrokerProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * @param propertiesFile the broker configuration
     * @param workDir where the argument file, the log4j2 config and {@code broker.log} go
     * @param heapMb maximum heap of the child
     * @param jvmOptions more options of the child JVM, after the heap's
     * @return the started (not necessarily ready) child
     * @throws UncheckedIOException if the JVM cannot be launched
     */
    static ChildBrokerProcess launch(Path propertiesFile, Path workDir, int heapMb, List<String> jvmOptions) {
        try {
            Path logConfig = workDir.resolve("broker-log4j2.xml");
            Files.writeString(logConfig, BROKER_LOG_CONFIG, StandardCharsets.UTF_8);
            List<String> jvmArgs = new ArrayList<>();
            jvmArgs.add("-Xmx" + heapMb + "m");
            jvmArgs.add("-Xms" + Math.min(heapMb, 256) + "m");
            jvmArgs.addAll(jvmOptions);
            jvmArgs.add("-Dlog4j2.configurationFile=" + logConfig.toAbsolutePath());
            jvmArgs.add("-cp");
            jvmArgs.add(System.getProperty("java.class.path"));
            jvmArgs.add(KafkaServerRunner.class.getName());
            jvmArgs.add(propertiesFile.toAbsolutePath().toString());
            // An argument file keeps a long test classpath clear of command-line length limits.
            Path argFile = workDir.resolve("broker-jvm.args");
            Files.write(argFile, jvmArgs.stream().map(ChildBrokerProcess::quote).toList(), StandardCharsets.UTF_8);

            Path logFile = workDir.resolve("broker.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "@" + argFile.toAbsolutePath())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ChildBrokerProcess(process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the broker JVM", e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the last lines of the child's output, for error messages */
    String outputTail(int maxLines) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    boolean outputContains(String text) {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Asks the child to stop by closing its stdin, then escalates to SIGTERM and SIGKILL.
     *
     * @return true if the child exited
     */
    boolean stop() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed or the child is gone: the escalation below still applies.
        }
        if (process.waitFor(GRACEFUL_STOP_SECONDS, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroy();
        if (process.waitFor(FORCED_STOP_SECONDS, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroyForcibly();
        return process.waitFor(FORCED_STOP_SECONDS, TimeUnit.SECONDS);
    }

    private static String quote(String arg) {
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static final String BROKER_LOG_CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN">
              <Appenders>
                <Console name="out" target="SYSTEM_OUT">
                  <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c - %msg%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Logger name="org.apache.kafka.controller.QuorumController" level="ERROR"/>
                <Root level="WARN"><AppenderRef ref="out"/></Root>
              </Loggers>
            </Configuration>
            """;
}
