package io.strand.testkit.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create with {@link KafkaTestClient#createTopic(TopicSpec)}: replication factor 1,
 * any number of partitions, any topic configs. Immutable.
 *
 * @param name the topic name
 * @param partitions number of partitions, at least 1
 * @param configs topic-level configs such as {@code cleanup.policy} or {@code segment.ms}
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    /** Validates and freezes the values. */
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** @param name topic name
     *  @param partitions number of partitions
     *  @return a spec with the broker's default configs */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of());
    }

    /** @return a copy with {@code cleanup.policy=compact} */
    public TopicSpec compacted() {
        return withConfig("cleanup.policy", "compact");
    }

    /** @param key topic config name
     *  @param value its value
     *  @return a copy with the config set */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(configs);
        copy.put(key, value);
        return new TopicSpec(name, partitions, copy);
    }
}
