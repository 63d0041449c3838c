package io.strand.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one topic from the beginning of every partition with a group-less, assigned consumer,
 * so reading never commits offsets or joins a group. Not thread-safe: one read per instance.
 */
final class RecordReader<K, V> {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<K, V> consumer;
    private final String topic;
    private final List<ConsumerRecord<K, V>> read = new ArrayList<>();

    RecordReader(Consumer<K, V> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    List<ConsumerRecord<K, V>> until(Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = assignFromBeginning(deadline, timeout);
        while (!done.test(List.copyOf(read))) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("topic '" + topic + "': condition not met within " + timeout.toMillis()
                        + " ms; read " + read.size() + " records from " + partitions.size() + " partitions"
                        + lastRecord());
            }
            consumer.poll(POLL).forEach(read::add);
        }
        return List.copyOf(read);
    }

    List<ConsumerRecord<K, V>> toEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = assignFromBeginning(deadline, timeout);
        // Under read_committed these are last stable offsets: open transactions are not waited for.
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (!reached(end)) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("topic '" + topic + "': end offsets " + end + " not reached within "
                        + timeout.toMillis() + " ms; read " + read.size() + " records");
            }
            consumer.poll(POLL).forEach(read::add);
        }
        return List.copyOf(read);
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> assignFromBeginning(long deadline, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        // The topic may not exist yet (created by a producer or job still starting): wait for it.
        while (infos == null || infos.isEmpty()) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("topic '" + topic + "' does not exist after " + timeout.toMillis() + " ms");
            }
            try {
                infos = consumer.partitionsFor(topic, POLL);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // No metadata answer yet; the outer deadline decides.
            }
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private String lastRecord() {
        if (read.isEmpty()) {
            return "";
        }
        ConsumerRecord<K, V> last = read.get(read.size() - 1);
        return "; last: partition " + last.partition() + " offset " + last.offset()
                + " key=" + show(last.key()) + " value=" + show(last.value());
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? "<" + bytes.length + " bytes>" : String.valueOf(value);
    }
}
