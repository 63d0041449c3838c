package io.strand.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4.4 broker (KRaft, combined broker + controller) on random free ports
 * of 127.0.0.1, either in this JVM or in a child JVM ({@link BrokerMode}).
 *
 * <p>{@link #start(BrokerSettings)} returns once the broker answers an Admin
 * {@code describeCluster}, or throws {@link IllegalStateException} when it does not within
 * {@link BrokerSettings#startupTimeout()}, naming the address and, in child mode, the child's
 * last output lines. {@link #close()} stops the broker and deletes its temp directory.
 *
 * <p>{@link #shutDown()} and {@link #restart()} stop the broker and start it again on the same
 * ports and data directory, for tests of what clients do while their broker is away: the address
 * clients were given stays valid, and every topic, committed offset and transaction state is
 * there again after the restart.
 *
 * <p>Broker logging runs at WARN. Thread-safe; {@link #close()} may be called from any thread,
 * including a shutdown hook. An in-process broker that hits a fatal error may end the JVM, as
 * Kafka does; use {@link BrokerMode#CHILD_JVM} where that matters.
 */
public final class EmbeddedKafkaBroker implements CloseableKafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int START_ATTEMPTS = 3;

    /** How long {@link #restart()} retries while the port is still held (e.g. by a socket of the stopped broker). */
    private static final long RESTART_BIND_RETRY_MS = 10_000;

    private final BrokerSettings settings;
    private final String bootstrapServers;
    private final Path dataDir;
    private final Path propertiesFile;
    private final boolean ownsDataDir;
    private final AtomicBoolean closed = new AtomicBoolean();
    // Replaced by restart(); guarded by this.
    private KafkaServerRunner inProcess;
    private ChildBrokerProcess child;
    private boolean running = true;

    private EmbeddedKafkaBroker(BrokerSettings settings, String bootstrapServers, Path dataDir, Path propertiesFile,
                                boolean ownsDataDir, KafkaServerRunner inProcess, ChildBrokerProcess child) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.propertiesFile = propertiesFile;
        this.ownsDataDir = ownsDataDir;
        this.inProcess = inProcess;
        this.child = child;
    }

    /**
     * @return an in-process broker with {@link BrokerSettings#defaults()}
     * @throws IllegalStateException if it does not start within 60 s
     */
    public static EmbeddedKafkaBroker start() {
        return start(BrokerSettings.defaults());
    }

    /**
     * Starts a broker and waits until it answers.
     *
     * @param settings mode, ports, directory, heap and extra properties
     * @return the running broker
     * @throws IllegalStateException if the broker fails or does not answer in time
     * @throws UncheckedIOException if the data directory cannot be prepared
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        long began = System.nanoTime();
        boolean ownsDir = settings.dataDir() == null;
        Path dir = prepareDataDir(settings.dataDir());
        try {
            EmbeddedKafkaBroker broker = startWithRetries(settings, dir, ownsDir);
            LOG.info("Kafka broker started at {} ({}{}, {} ms, data in {})", broker.bootstrapServers,
                    settings.mode(), broker.process().map(p -> " pid " + p.pid()).orElse(""),
                    (System.nanoTime() - began) / 1_000_000, dir);
            return broker;
        } catch (RuntimeException | Error e) {
            if (ownsDir) {
                TempDirs.deleteRecursively(dir);
            }
            throw e;
        }
    }

    private static EmbeddedKafkaBroker startWithRetries(BrokerSettings settings, Path dir, boolean ownsDir) {
        if (settings.port() != 0 && !isFree(settings.port())) {
            // Checked up front: Kafka would log a fatal error with stack traces for the same news.
            throw new IllegalStateException("port " + settings.port() + " on " + BrokerProperties.HOST
                    + " is already in use");
        }
        for (int attempt = 1; ; attempt++) {
            int port = settings.port() != 0 ? settings.port() : freePort();
            int controllerPort = freePort(port);
            Map<String, String> props = BrokerProperties.forSingleNode(
                    port, controllerPort, dir.resolve("kafka-logs"), settings.extraProperties());
            Path propsFile = writeProperties(dir, props);
            String bootstrap = BrokerProperties.HOST + ":" + port;
            try {
                return settings.mode() == BrokerMode.IN_PROCESS
                        ? startInProcess(settings, bootstrap, propsFile, dir, ownsDir)
                        : startChild(settings, bootstrap, propsFile, dir, ownsDir);
            } catch (PortTakenException e) {
                // Free ports are picked, then bound by the broker later: another process may win the race.
                if (attempt >= START_ATTEMPTS) {
                    throw new IllegalStateException("Kafka broker could not bind its ports after "
                            + attempt + " attempts: " + e.getMessage());
                }
                LOG.info("Kafka broker port {} or {} was taken; retrying with new ports", port, controllerPort);
            }
        }
    }

    private static EmbeddedKafkaBroker startInProcess(BrokerSettings settings, String bootstrap,
                                                      Path propsFile, Path dir, boolean ownsDir) {
        KafkaServerRunner runner;
        try {
            runner = KafkaServerRunner.formatAndStart(propsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            String bindFailure = bindFailure(e);
            if (bindFailure != null) {
                throw new PortTakenException(bindFailure);
            }
            throw new IllegalStateException("Kafka broker failed to start at " + bootstrap + ": " + e, e);
        }
        try {
            BrokerReadiness.await(bootstrap, settings.startupTimeout(), () -> true);
        } catch (IllegalStateException e) {
            runner.stop();
            throw e;
        }
        return new EmbeddedKafkaBroker(settings, bootstrap, dir, propsFile, ownsDir, runner, null);
    }

    private static EmbeddedKafkaBroker startChild(BrokerSettings settings, String bootstrap,
                                                  Path propsFile, Path dir, boolean ownsDir) {
        ChildBrokerProcess child = launchChild(settings, bootstrap, propsFile, dir);
        return new EmbeddedKafkaBroker(settings, bootstrap, dir, propsFile, ownsDir, null, child);
    }

    /** Launches the child JVM and waits until it answers; stops it again on failure. */
    private static ChildBrokerProcess launchChild(BrokerSettings settings, String bootstrap, Path propsFile, Path dir) {
        ChildBrokerProcess child = ChildBrokerProcess.launch(propsFile, dir, settings.childHeapMb(), settings.childJvmOptions());
        try {
            BrokerReadiness.await(bootstrap, settings.startupTimeout(), child::isAlive);
        } catch (IllegalStateException e) {
            boolean portTaken = child.outputContains("Address already in use");
            String tail = child.outputTail(20);
            stopChild(child);
            if (portTaken) {
                throw new PortTakenException(bootstrap);
            }
            throw new IllegalStateException(e.getMessage() + "; broker JVM output:"
                    + System.lineSeparator() + tail, e);
        }
        return child;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public KafkaClusterKind kind() {
        return KafkaClusterKind.EMBEDDED;
    }

    /** @return where the broker runs */
    public BrokerMode mode() {
        return settings.mode();
    }

    /** @return the directory holding the broker's configuration and logs */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the current child JVM in {@link BrokerMode#CHILD_JVM}, empty in-process */
    public synchronized Optional<ProcessHandle> process() {
        return child == null ? Optional.empty() : Optional.of(child.handle());
    }

    /** @return whether the broker runs: started, and neither {@link #shutDown() shut down} nor closed */
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Stops the broker as a controlled shutdown does (child JVM: waits for it to exit), keeping its
     * ports and data directory for {@link #restart()}. Clients see it as a broker that went away.
     *
     * @throws IllegalStateException if it is not running (shut down already, or closed)
     */
    public synchronized void shutDown() {
        if (!running) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers + " is not running");
        }
        long began = System.nanoTime();
        stopBroker();
        running = false;
        LOG.info("Kafka broker at {} shut down for a restart ({} ms)", bootstrapServers,
                (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Starts a {@link #shutDown() shut down} broker again on the same ports and data directory, and
     * waits until it answers. While the port is still held (a socket of the old broker closing),
     * retries for up to 10 s.
     *
     * @throws IllegalStateException if it is running or closed, or does not start or answer within
     *     {@link BrokerSettings#startupTimeout()}
     * @throws UncheckedIOException if the configuration cannot be read
     */
    public synchronized void restart() {
        if (running || closed.get()) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers + " is "
                    + (closed.get() ? "closed" : "running") + "; only a shut down broker restarts");
        }
        long began = System.nanoTime();
        long deadline = began + TimeUnit.MILLISECONDS.toNanos(RESTART_BIND_RETRY_MS);
        while (true) {
            try {
                if (settings.mode() == BrokerMode.IN_PROCESS) {
                    inProcess = startInProcess(settings, bootstrapServers, propertiesFile, dataDir, false).inProcess;
                } else {
                    child = launchChild(settings, bootstrapServers, propertiesFile, dataDir);
                }
                break;
            } catch (PortTakenException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker could not bind its ports again at "
                            + bootstrapServers + " within " + RESTART_BIND_RETRY_MS + " ms: " + e.getMessage());
                }
                sleepQuietly(200);
            }
        }
        running = true;
        LOG.info("Kafka broker at {} restarted ({} ms)", bootstrapServers, (System.nanoTime() - began) / 1_000_000);
    }

    /** Stops the broker (child JVM: waits for it to exit) and deletes a temp data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long began = System.nanoTime();
        synchronized (this) {
            if (running) {
                stopBroker();
                running = false;
            }
        }
        if (ownsDataDir) {
            TempDirs.deleteRecursively(dataDir);
        }
        LOG.info("Kafka broker at {} stopped ({} ms)", bootstrapServers, (System.nanoTime() - began) / 1_000_000);
    }

    private void stopBroker() {
        if (inProcess != null) {
            inProcess.stop();
            inProcess = null;
            return;
        }
        stopChild(child);
        child = null;
    }

    private static void stopChild(ChildBrokerProcess child) {
        try {
            if (!child.stop()) {
                LOG.warn("Kafka broker JVM pid {} did not exit", child.handle().pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.handle().destroyForcibly();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the Kafka broker", e);
        }
    }

    private static Path prepareDataDir(Path requested) {
        try {
            return requested == null
                    ? Files.createTempDirectory("strand-kafka-")
                    : Files.createDirectories(requested);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker data directory", e);
        }
    }

    private static Path writeProperties(Path dir, Map<String, String> props) {
        Path file = dir.resolve("server.properties");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            BrokerProperties.toProperties(props).store(writer, "written by Strand testkit");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static int freePort(int... avoid) {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST))) {
                int port = socket.getLocalPort();
                if (avoid.length == 0 || port != avoid[0]) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + BrokerProperties.HOST, e);
            }
        }
        throw new IllegalStateException("no distinct free port found on " + BrokerProperties.HOST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(BrokerProperties.HOST))) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the message naming the address that could not be bound, or null for other failures */
    private static String bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Address already in use")) {
                return t.getMessage();
            }
            if (t instanceof BindException) {
                return "bind failed: " + t.getMessage();
            }
        }
        return null;
    }

    /** A start attempt lost a port race; the caller retries with new ports. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message, null, false, false);
        }
    }
}
