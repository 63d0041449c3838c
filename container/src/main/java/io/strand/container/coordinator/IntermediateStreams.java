package io.strand.container.coordinator;

import io.strand.config.Config;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.container.kafka.TopicMetadata;
import io.strand.system.SystemStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates a job's intermediate streams ({@code systems.<s>.streams.<t>.samza.intermediate=true},
 * the streams API's repartition topics) before the job model is planned, as Samza's planner does:
 * with the largest partition count among the job's other inputs, so every task reads one partition
 * of each and keys are co-partitioned, and with {@code cleanup.policy=delete} (never compacted:
 * every record, not the latest per key, is data). An existing intermediate topic is kept as it is
 * when its partition count matches; one that differs means the inputs changed under a job that has
 * already run, which would move keys between tasks, so planning stops with an error naming it.
 *
 * <p>Threading: stateless.
 */
final class IntermediateStreams {

  private IntermediateStreams() {
  }

  /**
   * Makes sure every intermediate stream among the job's inputs exists.
   *
   * @param config the whole job config
   * @param metadata the job's topic metadata
   * @param streams the job's partitioned input streams ({@code task.inputs}; broadcast inputs do not size them)
   * @throws IllegalStateException if an intermediate topic exists with another partition count,
   *     a non-intermediate input is missing, or Kafka refuses a creation
   */
  static void ensure(Config config, TopicMetadata metadata, Collection<SystemStream> streams) {
    SystemConfig systems = new SystemConfig(config);
    List<SystemStream> intermediate = new ArrayList<>();
    List<SystemStream> others = new ArrayList<>();
    for (SystemStream s : streams) {
      (systems.isIntermediate(new StreamName(s.system(), s.stream())) ? intermediate : others).add(s);
    }
    if (intermediate.isEmpty()) {
      return;
    }
    int partitions = metadata.partitionCounts(others).values().stream().mapToInt(Integer::intValue).max()
        .orElseThrow(() -> new IllegalStateException("the job reads only intermediate streams " + intermediate
            + "; an intermediate stream takes its partition count from the job's other inputs"));
    for (SystemStream s : intermediate) {
      Optional<Integer> existing = metadata.partitionCount(s);
      if (existing.isPresent() && existing.get() != partitions) {
        throw new IllegalStateException("intermediate topic '" + s.stream() + "' on system '" + s.system() + "' has "
            + existing.get() + " partition(s) but the job's inputs now have up to " + partitions + "; keys would"
            + " move between tasks, so the job cannot continue with its existing state. Start it under a new"
            + " job.id, or delete the topic and the job's state (checkpoint, changelogs) to start over");
      }
      if (existing.isEmpty()) {
        metadata.ensureTopic(s, partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
      }
    }
  }
}
