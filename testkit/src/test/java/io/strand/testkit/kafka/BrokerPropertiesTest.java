package io.strand.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

    @Test
    void singleNodeDefaultsFitOneBroker() {
        Map<String, String> p = BrokerProperties.forSingleNode(9092, 9093, Path.of("/data/logs"), Map.of());
        assertEquals("broker,controller", p.get("process.roles"));
        assertEquals("1@127.0.0.1:9093", p.get("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", p.get("listeners"));
        assertEquals("/data/logs", p.get("log.dirs"));
        assertEquals("1", p.get("offsets.topic.replication.factor"));
        assertEquals("1", p.get("transaction.state.log.replication.factor"));
        assertEquals("1", p.get("transaction.state.log.min.isr"));
        assertEquals("1", p.get("share.coordinator.state.topic.replication.factor"));
        assertEquals("0", p.get("group.initial.rebalance.delay.ms"));
    }

    @Test
    void extraPropertiesOverrideDefaults() {
        Map<String, String> p = BrokerProperties.forSingleNode(1, 2, Path.of("/x"),
                Map.of("log.cleaner.backoff.ms", "5", "num.partitions", "8"));
        assertEquals("5", p.get("log.cleaner.backoff.ms"));
        assertEquals("8", p.get("num.partitions"));
    }

    @Test
    void settingsAreImmutableCopies() {
        BrokerSettings base = BrokerSettings.defaults();
        BrokerSettings changed = base.withProperty("a", "1").withMode(BrokerMode.CHILD_JVM).withChildHeapMb(512);
        assertEquals(Map.of(), base.extraProperties());
        assertEquals(BrokerMode.IN_PROCESS, base.mode());
        assertEquals(Map.of("a", "1"), changed.extraProperties());
        assertEquals(512, changed.childHeapMb());
        assertThrows(IllegalArgumentException.class, () -> base.withPort(70_000));
        assertThrows(UnsupportedOperationException.class, () -> changed.extraProperties().put("b", "2"));
    }
}
