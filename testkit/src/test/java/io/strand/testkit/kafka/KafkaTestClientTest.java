package io.strand.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.strand.testkit.junit.RealKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Runs against the JVM-wide Kafka of {@link RealKafka}: embedded here, a container where Docker runs. */
@RealKafka
class KafkaTestClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaCluster kafka;
    private final KafkaTestClient client;

    KafkaTestClientTest(KafkaCluster kafka) {
        this.kafka = kafka;
        this.client = kafka.client();
    }

    @Test
    void everyPartitionGetsItsRecordsInOrder() {
        String topic = kafka.uniqueTopic("round-trip");
        client.createTopic(topic, 8);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            for (int p = 0; p < 8; p++) {
                records.add(new ProducerRecord<>(topic, p, "key-" + p, "p" + p + "-" + i));
            }
        }
        List<RecordMetadata> acks = client.produce(records);
        for (int i = 0; i < records.size(); i++) {
            assertEquals(records.get(i).partition(), acks.get(i).partition());
        }

        List<ConsumerRecord<String, String>> read = client.consumeAtLeast(topic, 200, TIMEOUT);

        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (ConsumerRecord<String, String> r : read) {
            assertEquals("key-" + r.partition(), r.key());
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.value());
        }
        assertEquals(8, byPartition.size());
        byPartition.forEach((p, values) -> {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                expected.add("p" + p + "-" + i);
            }
            assertEquals(expected, values, "partition " + p);
        });
    }

    @Test
    void compactedTopicKeepsOnlyTheLatestValuePerKey() {
        String topic = kafka.uniqueTopic("compacted");
        client.createTopic(TopicSpec.of(topic, 1).compacted()
                .withConfig("segment.ms", "100")
                .withConfig("min.cleanable.dirty.ratio", "0.01")
                .withConfig("min.compaction.lag.ms", "0"));
        for (int round = 1; round <= 3; round++) {
            for (int k = 0; k < 5; k++) {
                client.produce(topic, "key-" + k, "v" + round);
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        for (int k = 0; k < 5; k++) {
            expected.put("key-" + k, List.of("v3"));
        }

        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, List<String>> seen;
        int filler = 0;
        do {
            // The active segment is never cleaned: later records roll it (segment.ms) so the duplicates become cleanable.
            client.produce(topic, "filler-" + filler++, "x");
            seen = valuesOfKeysStartingWith("key-", client.readAll(topic));
        } while (!seen.equals(expected) && System.nanoTime() < deadline);

        assertEquals(expected, seen, "values per key after compaction of " + topic);
    }

    private static Map<String, List<String>> valuesOfKeysStartingWith(String prefix,
                                                                      List<ConsumerRecord<String, String>> records) {
        Map<String, List<String>> values = new TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            if (r.key().startsWith(prefix)) {
                values.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
        }
        return values;
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnly() {
        String topic = kafka.uniqueTopic("transactions");
        client.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = client.transactionalProducer(kafka.uniqueTopic("tx"))) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, 1, "b", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "a", "aborted-1"));
            producer.send(new ProducerRecord<>(topic, 1, "b", "aborted-2"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "a", "committed-3"));
            producer.commitTransaction();
        }

        assertEquals(List.of("committed-1", "committed-2", "committed-3"), sortedValues(client.readAll(topic)));
        // The aborted records were written: only the isolation level hides them.
        List<ConsumerRecord<String, String>> uncommitted = client.readAll(topic, new StringDeserializer(),
                new StringDeserializer(), Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"));
        assertEquals(List.of("aborted-1", "aborted-2", "committed-1", "committed-2", "committed-3"),
                sortedValues(uncommitted));
    }

    private static List<String> sortedValues(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).sorted().toList();
    }

    @Test
    void bytesRoundTripWithKeys() {
        String topic = kafka.uniqueTopic("bytes");
        client.createTopic(TopicSpec.of(topic, 3).withConfig("retention.ms", "3600000"));
        byte[] key = {1, 2, 3};
        byte[] value = "héllo".getBytes(StandardCharsets.UTF_8);
        RecordMetadata ack = client.produceBytes(List.of(new ProducerRecord<>(topic, 2, key, value))).get(0);

        List<ConsumerRecord<byte[], byte[]>> read = client.readAllBytes(topic);

        assertEquals(1, read.size());
        assertEquals(2, read.get(0).partition());
        assertEquals(ack.offset(), read.get(0).offset());
        assertArrayEquals(key, read.get(0).key());
        assertArrayEquals(value, read.get(0).value());
    }

    @Test
    void consumeUntilFailsNamingTopicAndRecordsSeen() {
        String topic = kafka.uniqueTopic("too-few");
        client.createTopic(topic, 1);
        client.produce(topic, "k", "one");
        client.produce(topic, "k", "two");

        AssertionError e = assertThrows(AssertionError.class,
                () -> client.consumeAtLeast(topic, 3, Duration.ofSeconds(2)));

        assertTrue(e.getMessage().contains("topic '" + topic + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("read 2 records"), e.getMessage());
    }

    @Test
    void createTopicRejectsDuplicatesClearly() {
        String topic = kafka.uniqueTopic("twice");
        client.createTopic(topic, 1);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.createTopic(topic, 1));

        assertTrue(e.getMessage().contains(topic), e.getMessage());
    }

    @Test
    void uniqueTopicNamesDifferAndAreValid() {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            names.put(KafkaTestClient.uniqueTopicName("My Test#1"), true);
        }
        assertEquals(100, names.size());
        names.keySet().forEach(n -> assertTrue(n.matches("My-Test-1-\\d+-[0-9a-f]{4}"), n));
    }
}
