package io.strand.changelog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A changelog partition's offsets when the restore began, and their lookup for a whole container.
 * The range is what {@link InstanceRestorer#prepare} checks a checkpointed offset against and what
 * decides how far a replay reads; it is looked up once, before any instance is prepared, so that
 * the broker sees one request of each kind per system instead of two per store instance.
 *
 * <p>Threading: the record is immutable; {@link #lookUp} runs on the restore thread whose
 * consumers it uses (a store thread of {@link RestorePipeline}).
 *
 * @param logStart the first offset the partition still has
 * @param end the offset after its last record
 */
record ChangelogRange(long logStart, long end) {

  /**
   * Whether the partition holds no record.
   *
   * @return true when the log start is at (or past) the end
   */
  boolean isEmpty() {
    return logStart >= end;
  }

  /**
   * Looks up the log start and end offsets of every changelog partition of {@code instances} at
   * once: one request of each kind per system instead of two per store instance.
   *
   * @param instances logged instances
   * @param consumers gives the calling thread's consumer per system
   * @return the range of each instance's changelog partition
   * @throws org.apache.kafka.common.KafkaException if the offsets cannot be read (the consumer's
   *     own errors, unwrapped)
   */
  static Map<TopicPartition, ChangelogRange> lookUp(List<LoggedStoreInstance> instances, RestoreConsumers consumers) {
    Map<String, List<TopicPartition>> bySystem = new TreeMap<>();
    instances.forEach(i -> bySystem.computeIfAbsent(i.changelog().system(), s -> new ArrayList<>()).add(i.partition()));
    Map<TopicPartition, ChangelogRange> ranges = new HashMap<>();
    for (Map.Entry<String, List<TopicPartition>> e : bySystem.entrySet()) {
      Consumer<byte[], byte[]> consumer = consumers.forCurrentThread(e.getKey());
      // A consumer's offset lookups update its assigned partitions' watermarks, and warn once per
      // partition that is not assigned: assign them for the lookups, then leave the consumer as found
      // (it fetches nothing, it is never polled while they are assigned).
      consumer.assign(e.getValue());
      try {
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(e.getValue());
        Map<TopicPartition, Long> ends = consumer.endOffsets(e.getValue());
        e.getValue().forEach(tp -> ranges.put(tp, new ChangelogRange(starts.get(tp), ends.get(tp))));
      } finally {
        consumer.unsubscribe();
      }
    }
    return ranges;
  }
}
