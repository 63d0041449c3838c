package io.strand.testkit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The one place that touches Kafka's internal broker classes: formats the storage and runs a
 * {@link KafkaRaftServer} from a {@code server.properties} file. Used in-process by
 * {@link EmbeddedKafkaBroker} and as the main class of its child JVM.
 *
 * <p>Not thread-safe: one thread starts and stops a runner.
 */
final class KafkaServerRunner {

    /** Exit code of the child JVM when the broker could not start. */
    static final int EXIT_START_FAILED = 2;

    private final KafkaRaftServer server;

    private KafkaServerRunner(KafkaRaftServer server) {
        this.server = server;
    }

    /**
     * Formats the log dirs (a no-op when already formatted) and starts the broker.
     *
     * @param propertiesFile a complete broker configuration
     * @return the running broker
     * @throws IOException if the file cannot be read
     * @throws IllegalStateException if formatting fails (with the tool's output)
     * @throws RuntimeException whatever the broker throws while starting, e.g. a failed bind
     */
    static KafkaServerRunner formatAndStart(Path propertiesFile) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        // Formatting a used directory again would stamp a new cluster id that the data contradicts.
        if (!isFormatted(props)) {
            format(propertiesFile);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            // A half-started server holds threads and ports; release them before reporting.
            shutdownQuietly(server);
            throw e;
        }
        return new KafkaServerRunner(server);
    }

    private static boolean isFormatted(Properties props) {
        String logDirs = props.getProperty("log.dirs", "");
        return !logDirs.isBlank() && Arrays.stream(logDirs.split(","))
                .allMatch(dir -> Files.exists(Path.of(dir.strip(), "meta.properties")));
    }

    private static void format(Path propertiesFile) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(),
                "-c", propertiesFile.toString(), "--ignore-formatted"}, out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + rc + "): "
                    + captured.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** Stops the broker and waits until its threads are gone. Idempotent. */
    void stop() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // The start failure is the error worth reporting.
        }
    }

    /**
     * Child JVM entry point: {@code KafkaServerRunner <server.properties>}. Runs until SIGTERM /
     * SIGINT or until its stdin reaches end of file, which happens when the parent JVM closes the
     * pipe or dies, so a crashed test run never leaves an orphan broker behind.
     *
     * @param args the properties file
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: KafkaServerRunner <server.properties>");
            System.exit(EXIT_START_FAILED);
        }
        KafkaServerRunner runner;
        try {
            runner = formatAndStart(Path.of(args[0]));
        } catch (Exception e) {
            e.printStackTrace(System.err);
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "kafka-broker-shutdown"));
        waitForEndOfInput(System.in);
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Discard: the parent only ever closes the pipe.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, same as end of file.
        }
    }
}
