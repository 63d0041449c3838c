package io.strand.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dedicated brokers, for what the shared one cannot show: modes, settings, directories. */
class EmbeddedKafkaBrokerTest {


    @Test
    void inProcessBrokerAppliesExtraPropertiesAndDeletesItsTempDir() {
        Path dataDir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                BrokerSettings.defaults().withProperty("num.partitions", "3"))) {
            dataDir = broker.dataDir();
            assertTrue(Files.isDirectory(dataDir));
            assertEquals(KafkaClusterKind.EMBEDDED, broker.kind());
            assertTrue(broker.process().isEmpty());
            assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"), broker.bootstrapServers());

            // Auto-created by the producer, so it gets the broker's num.partitions.
            broker.client().produce("auto-created", "k", "v");
            try (KafkaConsumer<String, String> consumer = broker.client().stringConsumer("g")) {
                assertEquals(3, consumer.partitionsFor("auto-created").size());
            }
        }
        assertFalse(Files.exists(dataDir), "temp dir removed");
    }

    @Test
    void givenDataDirIsKeptAndRestartedOn(@TempDir Path dir) {
        Path data = dir.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withDataDir(data))) {
            broker.client().createTopic("kept", 1);
            broker.client().produce("kept", "k", "survives restart");
        }
        assertTrue(Files.exists(data.resolve("server.properties")));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withDataDir(data))) {
            List<ConsumerRecord<String, String>> read = broker.client().readAll("kept");
            assertEquals(List.of("survives restart"), read.stream().map(ConsumerRecord::value).toList());
        }
    }

    /**
     * In both modes; in {@code CHILD_JVM} mode also what a child broker is (a JVM of its own whose
     * parent is this one, a new one after the restart) and that {@code close()} waits for it to
     * exit (one test, not two: every child broker start costs several seconds of CI time).
     */
    @ParameterizedTest
    @EnumSource(BrokerMode.class)
    void aShutDownBrokerRestartsOnTheSamePortWithItsDataAndClientsReconnect(BrokerMode mode) throws Exception {
        Path dataDir;
        ProcessHandle child = null;
        // The child JVM's extra options reach it (the benchmarks log its GC pauses this way).
        Path gcLog = Files.createTempDirectory("child-jvm-options").resolve("gc.log");
        gcLog.getParent().toFile().deleteOnExit(); // after the file: deleteOnExit runs in reverse order
        gcLog.toFile().deleteOnExit();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                BrokerSettings.defaults().withMode(mode).withChildHeapMb(512)
                        .withChildJvmOptions(List.of("-Xlog:gc:file=" + gcLog.toAbsolutePath())))) {
            dataDir = broker.dataDir();
            if (mode == BrokerMode.CHILD_JVM) {
                child = assertChildOfThisJvm(broker);
                assertTrue(Files.exists(gcLog), "the child JVM was started with -Xlog:gc:file=" + gcLog);
            } else {
                assertFalse(Files.exists(gcLog), "in-process: no child JVM, its options are ignored");
            }
            KafkaTestClient client = broker.client();
            client.createTopic("restarted", 1);
            client.produce("restarted", "k", "before");
            try (KafkaProducer<String, String> producer = client.stringProducer()) {
                producer.send(new ProducerRecord<>("restarted", "k", "before, same producer")).get(30, TimeUnit.SECONDS);

                broker.shutDown();

                assertFalse(broker.isRunning());
                assertThrows(IllegalStateException.class, broker::shutDown, "only a running broker shuts down");

                broker.restart();

                assertTrue(broker.isRunning());
                assertThrows(IllegalStateException.class, broker::restart, "a running broker does not restart");
                if (mode == BrokerMode.CHILD_JVM) {
                    assertFalse(child.isAlive(), "the shut-down child JVM exited");
                    ProcessHandle before = child;
                    child = assertChildOfThisJvm(broker);
                    assertNotEquals(before.pid(), child.pid(), "the restart started a new JVM");
                }
                // The producer made before the restart finds the broker again at the same address.
                producer.send(new ProducerRecord<>("restarted", "k", "after, same producer")).get(30, TimeUnit.SECONDS);
            }
            assertEquals(mode == BrokerMode.CHILD_JVM, broker.process().isPresent());
            assertEquals(List.of("before", "before, same producer", "after, same producer"),
                    client.readAll("restarted").stream().map(ConsumerRecord::value).toList(),
                    "the data survived, at the same address");
        }
        if (child != null) {
            // close() waits for the child; onExit confirms the OS agrees.
            child.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(child.isAlive());
        }
        assertFalse(Files.exists(dataDir), "temp dir removed by close");
    }

    private static ProcessHandle assertChildOfThisJvm(EmbeddedKafkaBroker broker) {
        ProcessHandle child = broker.process().orElseThrow();
        assertTrue(child.isAlive());
        assertNotEquals(ProcessHandle.current().pid(), child.pid());
        assertEquals(ProcessHandle.current().pid(), child.parent().map(ProcessHandle::pid).orElse(-1L));
        return child;
    }

    @Test
    void invalidConfigurationFailsClearlyAndCleansUp() throws Exception {
        long tempDirsBefore = countTempDirs();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedKafkaBroker.start(
                BrokerSettings.defaults().withProperty("num.io.threads", "not-a-number")));

        assertTrue(e.getMessage().contains("num.io.threads"), e.getMessage());
        assertEquals(tempDirsBefore, countTempDirs(), "temp dir of the failed broker removed");
    }

    @Test
    void takenFixedPortIsReportedWithoutStartingKafka() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafkaBroker.start(BrokerSettings.defaults().withPort(taken.getLocalPort())));

            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use", e.getMessage());
        }
    }

    private static long countTempDirs() throws Exception {
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("strand-kafka-")).count();
        }
    }
}
