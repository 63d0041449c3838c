package io.strand.testkit.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an {@link EmbeddedKafkaBroker}. Immutable; the {@code with*} methods return copies.
 *
 * @param mode in-process or child JVM
 * @param port the PLAINTEXT port on 127.0.0.1, or 0 for a random free port
 * @param dataDir where the broker keeps its logs; {@code null} means a fresh temp dir that is
 *     deleted on close (a given directory is kept, so a broker can be restarted on it)
 * @param childHeapMb maximum heap of the child JVM in MiB (ignored in-process)
 * @param startupTimeout how long {@link EmbeddedKafkaBroker#start(BrokerSettings)} waits for the
 *     broker to answer an Admin {@code describeCluster}
 * @param extraProperties broker properties that override or add to the defaults
 * @param childJvmOptions extra options of the child JVM (e.g. a GC log or a GC choice), after the
 *     heap options, so they can override them (ignored in-process)
 */
public record BrokerSettings(
        BrokerMode mode,
        int port,
        Path dataDir,
        int childHeapMb,
        Duration startupTimeout,
        Map<String, String> extraProperties,
        java.util.List<String> childJvmOptions) {

    /** Default child heap: below 512 MiB the broker loses 10-25 % throughput. */
    public static final int DEFAULT_CHILD_HEAP_MB = 1024;

    /** Validates and freezes the values. */
    public BrokerSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (childHeapMb < 64) {
            throw new IllegalArgumentException("childHeapMb must be >= 64, was " + childHeapMb);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
        }
        extraProperties = Map.copyOf(extraProperties);
        childJvmOptions = java.util.List.copyOf(childJvmOptions);
    }

    /** @return in-process, random port, temp dir, 1 GiB child heap, 60 s startup timeout */
    public static BrokerSettings defaults() {
        return new BrokerSettings(BrokerMode.IN_PROCESS, 0, null, DEFAULT_CHILD_HEAP_MB,
                Duration.ofSeconds(60), Map.of(), java.util.List.of());
    }

    /** @param newMode where the broker runs
     *  @return a copy with the mode changed */
    public BrokerSettings withMode(BrokerMode newMode) {
        return new BrokerSettings(newMode, port, dataDir, childHeapMb, startupTimeout, extraProperties, childJvmOptions);
    }

    /** @param newPort PLAINTEXT port, 0 for random
     *  @return a copy with the port changed */
    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(mode, newPort, dataDir, childHeapMb, startupTimeout, extraProperties, childJvmOptions);
    }

    /** @param newDataDir a directory that is kept after close, or {@code null} for a temp dir
     *  @return a copy with the data directory changed */
    public BrokerSettings withDataDir(Path newDataDir) {
        return new BrokerSettings(mode, port, newDataDir, childHeapMb, startupTimeout, extraProperties, childJvmOptions);
    }

    /** @param heapMb child JVM maximum heap in MiB
     *  @return a copy with the child heap changed */
    public BrokerSettings withChildHeapMb(int heapMb) {
        return new BrokerSettings(mode, port, dataDir, heapMb, startupTimeout, extraProperties, childJvmOptions);
    }

    /** @param timeout how long to wait for the broker to answer
     *  @return a copy with the startup timeout changed */
    public BrokerSettings withStartupTimeout(Duration timeout) {
        return new BrokerSettings(mode, port, dataDir, childHeapMb, timeout, extraProperties, childJvmOptions);
    }

    /** @param key broker property name
     *  @param value its value
     *  @return a copy with the property added (replacing an earlier value) */
    public BrokerSettings withProperty(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(extraProperties);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new BrokerSettings(mode, port, dataDir, childHeapMb, startupTimeout, copy, childJvmOptions);
    }

    /** @param options extra child JVM options, replacing earlier ones
     *  @return a copy with the child JVM's extra options changed */
    public BrokerSettings withChildJvmOptions(java.util.List<String> options) {
        return new BrokerSettings(mode, port, dataDir, childHeapMb, startupTimeout, extraProperties, options);
    }
}
