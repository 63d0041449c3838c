package io.strand.testkit.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The configuration of a single-node combined broker + controller on 127.0.0.1. */
final class BrokerProperties {

    static final String HOST = "127.0.0.1";

    private BrokerProperties() {
    }

    /**
     * @param brokerPort PLAINTEXT port
     * @param controllerPort CONTROLLER port
     * @param logDir where partitions and the metadata log live
     * @param extra overrides, applied last
     * @return the properties in a stable order
     */
    static Map<String, String> forSingleNode(int brokerPort, int controllerPort, Path logDir,
                                             Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // A single node cannot satisfy the default replication factor of 3 for internal topics.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions make the first group / transaction coordinator load faster.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        // Tests should not wait 3 s for the first rebalance.
        p.put("group.initial.rebalance.delay.ms", "0");
        // A transaction past its transaction.timeout.ms is aborted within a second instead of 10 s, so a
        // test of that abort need not stall its task that long.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // Lets a test watch compaction happen within a second instead of 15 s.
        p.put("log.cleaner.backoff.ms", "100");
        // The 128 MiB default is allocated up front; too much inside a test JVM.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024));
        p.putAll(extra);
        return p;
    }

    static Properties toProperties(Map<String, String> map) {
        Properties props = new Properties();
        props.putAll(map);
        return props;
    }
}
