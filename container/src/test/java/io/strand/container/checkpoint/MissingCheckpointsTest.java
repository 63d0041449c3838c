package io.strand.container.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.view.MissingCheckpointPolicy;
import io.strand.config.view.OffsetDefault;
import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision alone, with the group offsets and the evidence of an earlier run given as values. */
class MissingCheckpointsTest {

  private static final SystemStream IN = new SystemStream("kafka", "in");
  private static final SystemStreamPartition P0 = new SystemStreamPartition("kafka", "in", 0);
  private static final SystemStreamPartition P1 = new SystemStreamPartition("kafka", "in", 1);
  private static final TaskName T0 = new TaskName("Partition 0");
  private static final TaskName T1 = new TaskName("Partition 1");
  private static final Map<TaskName, Set<SystemStreamPartition>> TASKS = Map.of(T0, Set.of(P0), T1, Set.of(P1));
  private static final Map<SystemStream, StreamStart> UPCOMING =
      Map.of(IN, new StreamStart(OffsetDefault.UPCOMING, false));
  private static final Checkpoint CP0 = new Checkpoint(T0, Map.of(P0, 41L), Map.of("s", 7L));
  private static final List<String> RAN_BEFORE = List.of("changelog partition c-1 holds offsets up to 9");

  private final List<Set<TaskName>> evidenceAsked = new ArrayList<>();

  private MissingCheckpoints.Resolution resolve(boolean topicExisted, MissingCheckpointPolicy policy,
      Map<TaskName, Checkpoint> read, Map<SystemStreamPartition, Long> group, List<String> evidence,
      Map<SystemStream, StreamStart> starts) {
    return MissingCheckpoints.resolve(new MissingCheckpoints.Context("__strand-checkpoint-j-1", topicExisted,
        "strand-j-1", policy, "job 'j'", false), TASKS, read, starts, ssps -> group, tasks -> {
          evidenceAsked.add(tasks);
          return evidence;
        });
  }

  @Test
  void tasksWithCheckpointsAreLeftAlone() {
    Checkpoint cp1 = new Checkpoint(T1, Map.of(P1, 3L), Map.of());
    MissingCheckpoints.Resolution r = resolve(true, MissingCheckpointPolicy.FAIL, Map.of(T0, CP0, T1, cp1),
        Map.of(P0, 100L, P1, 100L), RAN_BEFORE, UPCOMING);
    assertEquals(Map.of(T0, CP0, T1, cp1), r.checkpoints());
    assertEquals(Set.of(), r.restoreToChangelogEnd());
  }

  @Test
  void aTaskWithoutCheckpointResumesAtTheGroupsCommittedOffsetWithItsChangelogState() {
    MissingCheckpoints.Resolution r = resolve(false, MissingCheckpointPolicy.FAIL, Map.of(T0, CP0),
        Map.of(P1, 50L), RAN_BEFORE, UPCOMING);
    assertEquals(new Checkpoint(T1, Map.of(P1, 49L), Map.of()), r.checkpoints().get(T1),
        "committed offset 50 is the next to read: 49 was the last processed");
    assertEquals(CP0, r.checkpoints().get(T0));
    assertEquals(Set.of(T1), r.restoreToChangelogEnd());
    assertEquals(List.of(), evidenceAsked, "no need to look for evidence");
  }

  @Test
  void lostCheckpointsOfAJobThatRanBeforeAreRefusedNamingTheKey() {
    ContainerFailedException e = assertThrows(ContainerFailedException.class,
        () -> resolve(false, MissingCheckpointPolicy.FAIL, Map.of(), Map.of(), RAN_BEFORE, UPCOMING));
    for (String named : List.of("[Partition 0, Partition 1]", "__strand-checkpoint-j-1", "strand-j-1",
        "changelog partition c-1 holds offsets up to 9", "kafka.in: upcoming", "skipping every message",
        "strand.checkpoint.missing=offset-default", "new job.id")) {
      assertTrue(e.getMessage().contains(named), () -> named + " in " + e.getMessage());
    }
    assertTrue(assertThrows(ContainerFailedException.class, () -> resolve(false, MissingCheckpointPolicy.FAIL,
        Map.of(), Map.of(), RAN_BEFORE, Map.of(IN, new StreamStart(OffsetDefault.OLDEST, false))))
        .getMessage().contains("process every retained message again"));
  }

  @Test
  void forcedTheyStartAtTheOffsetDefaultKeepingTheChangelogState() {
    MissingCheckpoints.Resolution r = resolve(false, MissingCheckpointPolicy.OFFSET_DEFAULT, Map.of(),
        Map.of(P0, 10L), RAN_BEFORE, UPCOMING);
    assertEquals(Set.of(T0, T1), r.restoreToChangelogEnd());
    assertEquals(Set.of(T0), r.checkpoints().keySet(), "T1 has no offset to start from: the offset default");
    assertEquals(List.of(Set.of(T1)), evidenceAsked);
  }

  @Test
  void aNewJobOrOneThatNeverCommittedStartsAsBefore() {
    MissingCheckpoints.Resolution fresh = resolve(false, MissingCheckpointPolicy.FAIL, Map.of(), Map.of(),
        List.of(), UPCOMING);
    assertEquals(Map.of(), fresh.checkpoints());
    assertEquals(Set.of(), fresh.restoreToChangelogEnd());
    MissingCheckpoints.Resolution neverCommitted = resolve(true, MissingCheckpointPolicy.FAIL, Map.of(), Map.of(),
        RAN_BEFORE, UPCOMING);
    assertEquals(Set.of(), neverCommitted.restoreToChangelogEnd(),
        "the checkpoint topic exists: a crash before the first commit, not lost checkpoints");
    assertEquals(List.of(Set.of(T0, T1)), evidenceAsked, "asked only while the topic was missing");
  }

  @Test
  void aStreamThatResetsItsOffsetIgnoresTheGroupToo() {
    MissingCheckpoints.Resolution r = resolve(true, MissingCheckpointPolicy.FAIL, Map.of(), Map.of(P0, 10L, P1, 10L),
        List.of(), Map.of(IN, new StreamStart(OffsetDefault.UPCOMING, true)));
    assertEquals(Map.of(), r.checkpoints());
  }
}
