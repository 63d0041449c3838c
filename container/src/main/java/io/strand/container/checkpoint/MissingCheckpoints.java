package io.strand.container.checkpoint;

import io.strand.config.view.MissingCheckpointPolicy;
import io.strand.config.view.OffsetDefault;
import io.strand.config.view.TaskConfig;
import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a container's tasks that have no checkpoint resume, so that lost checkpoints never lose
 * input or state silently. For each such task (inputs with {@code samza.reset.offset} aside):
 *
 * <ol>
 *   <li>the job's consumer group {@code strand-<job.name>-<job.id>} has committed offsets for its
 *       inputs (Strand mirrors them after every checkpoint): the task resumes there (a committed
 *       offset is the next to read) and its stores are restored to the end of their changelogs.
 *       One WARN per container names the source. The group is at or behind the lost checkpoint
 *       and the changelog's end at or after it, so some input may be processed again over state
 *       that already holds it (at-least-once); after a clean stop, or under exactly-once (where the
 *       group offsets are committed in the checkpoints' transactions), they coincide exactly;</li>
 *   <li>else, when the checkpoint topic itself was missing (not merely without a checkpoint for
 *       the task, which is a job that never committed) and the task's changelogs hold records or
 *       its store directories an {@code OFFSET} file, the job has run before and lost its
 *       checkpoints: the container refuses to start, naming what is missing, what
 *       {@code samza.offset.default} would do, and {@value TaskConfig#CHECKPOINT_MISSING}; with
 *       {@code offset-default} it starts at the offset default with the stores restored to the end
 *       of their changelogs;</li>
 *   <li>else (a new task, or a job that never committed): the offset default, and the stores as
 *       before (every changelog record written without a checkpoint is trimmed).</li>
 * </ol>
 *
 * <p>Threading: stateless; safe from any thread (the lookups it is given may block).
 */
public final class MissingCheckpoints {

  private static final Logger LOG = LoggerFactory.getLogger(MissingCheckpoints.class);

  private MissingCheckpoints() {}

  /**
   * How the container starts its tasks.
   *
   * @param checkpoints the checkpoints to start from: those read, plus one per task resumed from
   *     the consumer group (its input offsets = committed offset - 1, no changelog offsets)
   * @param restoreToChangelogEnd tasks without a checkpoint whose stores are restored to the end
   *     of their changelogs (instead of being trimmed empty)
   */
  public record Resolution(Map<TaskName, Checkpoint> checkpoints, Set<TaskName> restoreToChangelogEnd) {
    /** Copies the collections. */
    public Resolution {
      checkpoints = Map.copyOf(checkpoints);
      restoreToChangelogEnd = Set.copyOf(restoreToChangelogEnd);
    }
  }

  /**
   * What the container knows when it decides.
   *
   * @param topic the checkpoint topic's name
   * @param topicExisted whether the checkpoint topic existed when the container started
   * @param consumerGroup the job's consumer group
   * @param policy {@value TaskConfig#CHECKPOINT_MISSING}
   * @param who "job ... container ..." for messages
   * @param exactlyOnce whether the job runs {@code task.delivery.guarantee=exactly-once}: its group
   *     offsets were committed in the same transactions as its checkpoints and its changelogs are
   *     read committed, so resuming from the group processes nothing twice
   */
  public record Context(String topic, boolean topicExisted, String consumerGroup, MissingCheckpointPolicy policy,
      String who, boolean exactlyOnce) {
    /** Checks the components are present. */
    public Context {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(consumerGroup, "consumerGroup");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(who, "who");
    }
  }

  /**
   * Decides where the container's tasks without a checkpoint start.
   *
   * @param context the checkpoint topic, the consumer group, the policy
   * @param taskInputs the container's tasks and their input partitions
   * @param read the checkpoints read from the checkpoint topic
   * @param starts offset default and reset flag of every input stream
   * @param committed reads the consumer group's committed offsets (next to read) of partitions;
   *     called at most once, only when a task lacks a checkpoint
   * @param evidence what shows the given tasks have run before (non-empty changelogs, local
   *     {@code OFFSET} files), one line each; called only when the checkpoint topic was missing
   * @return the checkpoints to start from and the tasks whose stores keep their changelog's state
   * @throws ContainerFailedException when the checkpoints of a job that has run before are lost,
   *     the consumer group has no offsets for the tasks either, and the policy is {@code fail}
   */
  public static Resolution resolve(Context context, Map<TaskName, Set<SystemStreamPartition>> taskInputs,
      Map<TaskName, Checkpoint> read, Map<SystemStream, StreamStart> starts,
      Function<Set<SystemStreamPartition>, Map<SystemStreamPartition, Long>> committed,
      Function<Set<TaskName>, List<String>> evidence) {
    Map<TaskName, Checkpoint> checkpoints = new TreeMap<>(read);
    Set<TaskName> missing = new TreeSet<>();
    Set<SystemStreamPartition> lookUp = new TreeSet<>();
    taskInputs.forEach((task, inputs) -> {
      if (!read.containsKey(task)) {
        missing.add(task);
        inputs.stream().filter(ssp -> !starts.get(ssp.getSystemStream()).resetOffset()).forEach(lookUp::add);
      }
    });
    if (missing.isEmpty()) {
      return new Resolution(checkpoints, Set.of());
    }
    Map<SystemStreamPartition, Long> group = lookUp.isEmpty() ? Map.of() : committed.apply(lookUp);
    Set<TaskName> toEnd = new TreeSet<>();
    for (TaskName task : missing) {
      Map<SystemStreamPartition, Long> lastProcessed = new HashMap<>();
      taskInputs.get(task).stream().filter(lookUp::contains).filter(group::containsKey)
          .forEach(ssp -> lastProcessed.put(ssp, group.get(ssp) - 1));
      if (!lastProcessed.isEmpty()) {
        checkpoints.put(task, new Checkpoint(task, lastProcessed, Map.of()));
        toEnd.add(task);
      }
    }
    if (!toEnd.isEmpty()) {
      LOG.warn("{}: {} of its {} task(s) have no checkpoint in '{}' ({}); they resume at the offsets committed in"
          + " consumer group '{}' (Strand mirrors them at every commit), with their stores restored to the end of"
          + " their changelogs. {}",
          context.who(), toEnd.size(), taskInputs.size(), context.topic(),
          context.topicExisted() ? "the topic has none for them" : "the topic is missing", context.consumerGroup(),
          context.exactlyOnce()
              ? "Under exactly-once the group's offsets were committed in the same transactions as the checkpoints,"
                  + " so no input is processed twice"
              : "Input processed after the last mirrored commit may be processed again");
    }
    Set<TaskName> rest = new TreeSet<>(missing);
    rest.removeAll(toEnd);
    if (rest.isEmpty() || context.topicExisted()) {
      return new Resolution(checkpoints, toEnd);
    }
    List<String> found = evidence.apply(rest);
    if (found.isEmpty()) {
      return new Resolution(checkpoints, toEnd);
    }
    String defaults = offsetDefaults(rest, taskInputs, starts);
    if (context.policy() == MissingCheckpointPolicy.FAIL) {
      throw new ContainerFailedException(context.who() + ": the checkpoints of task(s) " + rest + " are lost: the"
          + " checkpoint topic '" + context.topic() + "' does not exist and consumer group '" + context.consumerGroup()
          + "' has no committed offsets for their inputs, yet the job has run before (" + String.join("; ", found)
          + "). Starting from samza.offset.default (" + defaults + ") would " + consequence(rest, taskInputs, starts)
          + ". Restore the checkpoint topic or the consumer group's offsets (kafka-consumer-groups --reset-offsets), or"
          + " set " + TaskConfig.CHECKPOINT_MISSING + "=" + MissingCheckpointPolicy.OFFSET_DEFAULT.configValue()
          + " to start from samza.offset.default with the stores' state kept from their changelogs, or start over"
          + " with a new job.id", null);
    }
    LOG.warn("{}: the checkpoints of task(s) {} are lost (topic '{}' is missing, consumer group '{}' has no offsets"
        + " for them, yet the job has run before: {}); starting them from samza.offset.default ({}) with the stores"
        + " restored to the end of their changelogs, as {}={} asks", context.who(), rest, context.topic(),
        context.consumerGroup(), String.join("; ", found), defaults, TaskConfig.CHECKPOINT_MISSING,
        MissingCheckpointPolicy.OFFSET_DEFAULT.configValue());
    toEnd.addAll(rest);
    return new Resolution(checkpoints, toEnd);
  }

  private static String offsetDefaults(Set<TaskName> tasks, Map<TaskName, Set<SystemStreamPartition>> taskInputs,
      Map<SystemStream, StreamStart> starts) {
    Map<SystemStream, OffsetDefault> defaults = new LinkedHashMap<>();
    tasks.forEach(t -> taskInputs.get(t).stream().map(SystemStreamPartition::getSystemStream).sorted()
        .forEach(s -> defaults.put(s, starts.get(s).offsetDefault())));
    return defaults.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().configValue())
        .collect(Collectors.joining(", "));
  }

  private static String consequence(Set<TaskName> tasks, Map<TaskName, Set<SystemStreamPartition>> taskInputs,
      Map<SystemStream, StreamStart> starts) {
    Set<OffsetDefault> used = new TreeSet<>();
    tasks.forEach(t -> taskInputs.get(t).forEach(ssp -> used.add(starts.get(ssp.getSystemStream()).offsetDefault())));
    return used.stream().map(d -> d == OffsetDefault.OLDEST
        ? "process every retained message again (duplicate outputs, state counted twice)"
        : "start at the end of each partition, skipping every message that arrived while the job was stopped")
        .collect(Collectors.joining(", and "));
  }
}
