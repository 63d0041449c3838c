package io.strand.container.checkpoint;

import io.strand.config.view.OffsetDefault;
import io.strand.container.TaskName;
import io.strand.container.kafka.TopicMetadata;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a container's consumers start on each input partition: the next offset to read.
 *
 * <ul>
 *   <li>With a checkpoint: the checkpointed (last processed) offset + 1, as Samza.</li>
 *   <li>Without one, or when {@code systems.<s>.streams.<stream>.samza.reset.offset=true}: the
 *       stream's {@code samza.offset.default}, else the system's, else {@code upcoming}:
 *       {@code upcoming} is the end offset now (only messages written from now on are read),
 *       {@code oldest} the beginning offset (the oldest retained message).</li>
 *   <li>A checkpointed offset + 1 below the beginning offset (retention deleted messages never
 *       processed) starts at the beginning offset, with a WARN naming the messages lost.</li>
 *   <li>A checkpointed offset + 1 beyond the end offset (the topic was deleted and recreated, or
 *       an unclean leader election truncated it) starts at the offset default, with a WARN.</li>
 *   <li>A partition in several tasks' checkpoints (a broadcast input) starts at the smallest of
 *       them, so no task misses a message; tasks ahead of it see some messages again.</li>
 * </ul>
 *
 * <p>Threading: stateless; safe from any thread (it blocks on the metadata requests).
 */
public final class StartingOffsets {

  private static final Logger LOG = LoggerFactory.getLogger(StartingOffsets.class);

  private StartingOffsets() {}

  /**
   * The next offset to read of each partition.
   *
   * @param starts offset default and reset flag of each stream of {@code ssps}
   * @param ssps the container's input partitions
   * @param checkpoints the last checkpoints (of any tasks; entries for other partitions are ignored)
   * @param metadata for beginning and end offsets, asked once for all partitions
   * @return next offset to read per partition of {@code ssps}
   * @throws IllegalArgumentException if {@code starts} lacks the stream of one of {@code ssps}
   * @throws IllegalStateException if a partition does not exist or Kafka does not answer
   */
  public static Map<SystemStreamPartition, Long> compute(Map<SystemStream, StreamStart> starts,
      Set<SystemStreamPartition> ssps, Map<TaskName, Checkpoint> checkpoints, TopicMetadata metadata) {
    for (SystemStreamPartition ssp : ssps) {
      if (!starts.containsKey(ssp.getSystemStream())) {
        throw new IllegalArgumentException("no start settings given for stream " + ssp.getSystemStream());
      }
    }
    Map<SystemStreamPartition, Long> checkpointed = new HashMap<>();
    for (Checkpoint checkpoint : checkpoints.values()) {
      checkpoint.inputOffsets().forEach((ssp, offset) -> {
        if (ssps.contains(ssp)) {
          checkpointed.merge(ssp, offset, Math::min);
        }
      });
    }
    Map<SystemStreamPartition, Long> beginning = metadata.beginningOffsets(ssps);
    Map<SystemStreamPartition, Long> end = metadata.endOffsets(ssps);

    Map<SystemStreamPartition, Long> result = new TreeMap<>();
    for (SystemStreamPartition ssp : ssps) {
      StreamStart start = starts.get(ssp.getSystemStream());
      long first = beginning.get(ssp);
      long last = end.get(ssp);
      OffsetDefault offsetDefault = start.offsetDefault();
      long byDefault = offsetDefault == OffsetDefault.OLDEST ? first : last;
      Long lastProcessed = checkpointed.get(ssp);
      long next;
      if (lastProcessed == null) {
        next = byDefault;
      } else if (start.resetOffset()) {
        next = byDefault;
        LOG.info("Ignoring the checkpoint of {} (last processed offset {}): samza.reset.offset is set;"
            + " starting at the {} offset {}", ssp, lastProcessed, offsetDefault.configValue(), next);
      } else if (lastProcessed + 1 < first) {
        next = first;
        LOG.warn("The checkpoint of {} is at offset {} but retention has deleted everything before offset {}:"
            + " {} message(s) were never processed; starting at offset {}",
            ssp, lastProcessed, first, first - lastProcessed - 1, first);
      } else if (lastProcessed + 1 > last) {
        next = byDefault;
        LOG.warn("The checkpoint of {} is at offset {} but the partition ends at offset {} (was the topic"
            + " recreated or truncated?); starting at the {} offset {} (samza.offset.default)",
            ssp, lastProcessed, last, offsetDefault.configValue(), next);
      } else {
        next = lastProcessed + 1;
      }
      result.put(ssp, next);
    }
    return result;
  }
}
