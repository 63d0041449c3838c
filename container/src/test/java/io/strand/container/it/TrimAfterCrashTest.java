package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.testjobs.CountingTask;
import io.strand.container.testsupport.HaltAfterStorePersist;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash exactly-once state depends on, made deterministic: a container JVM halts between the
 * store persist of a commit (snapshot, OFFSET file, changelog acknowledged) and the checkpoint
 * write of that commit. The restarted container restores to the previous checkpoint, trims every
 * key written after it (deleted and re-put keys, keys put several times, new keys, deleted keys)
 * back to its checkpointed value, reprocesses the input after the checkpoint, and ends with exactly
 * the true counts.
 */
@RealKafka
class TrimAfterCrashTest {

  private static final long JOB_TIMEOUT_MS = 120_000;
  private static final int PHASE = 1_000;

  @TempDir
  Path workDir;

  @Test
  void aCrashBetweenStorePersistAndCheckpointIsTrimmedBackAndCountsStayExact(KafkaCluster kafka) throws Exception {
    Random random = new Random(7);
    List<String> first = randomPuts(random, PHASE, 40);
    // After the first checkpoint: delete and re-put k0..k9 three times, put k10..k19 often, put new keys n0..n4,
    // delete k20..k24 for good, then fill up with puts of k30..k39.
    List<String> second = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int k = 0; k < 10; k++) {
        second.add(CountingTask.DELETE + "k" + k);
        second.add("k" + k);
        second.add("k" + k);
      }
    }
    for (int i = 0; i < 100; i++) {
      second.add("k" + (10 + i % 10));
    }
    for (int n = 0; n < 5; n++) {
      second.add("n" + n);
    }
    for (int k = 20; k < 25; k++) {
      second.add(CountingTask.DELETE + "k" + k);
    }
    while (second.size() < PHASE) {
      second.add("k" + (30 + random.nextInt(10)));
    }
    List<String> third = randomPuts(random, PHASE, 40);
    Set<String> touchedAfterCheckpoint = new LinkedHashSet<>();
    second.forEach(v -> touchedAfterCheckpoint.add(v.startsWith(CountingTask.DELETE)
        ? v.substring(CountingTask.DELETE.length()) : v));

    CountingJob job = new CountingJob(kafka, "trim-job", 1, workDir);
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    all.addAll(third);
    job.produce(all);
    Path marker = workDir.resolve("halted-once");
    Config config = job
        .with("task.commit.ms", "600000") // only the commits the task asks for, after offsets 999 and 1999
        .with("test.commit.at.offsets", (PHASE - 1) + "," + (2 * PHASE - 1))
        .with(HaltAfterStorePersist.HALT_AFTER_COMMIT, "2")
        .with(HaltAfterStorePersist.ONCE_MARKER, marker.toString())
        .with("cluster-manager.container.retry.count", "3")
        .config(ProcessJobFactory.class.getName());

    ProcessJob processJob = new ProcessJobFactory().newJob(config);
    processJob.submit();

    assertEquals(JobStatus.SUCCEEDED, processJob.waitForFinish(JOB_TIMEOUT_MS), () -> log(processJob));
    assertTrue(Files.exists(marker), "the container halted once");
    assertEquals(2, processJob.starts("0"), () -> "halted once and restarted once" + log(processJob));
    assertEquals(job.expectedCounts(), job.changelogContents(), "final counts are exact");

    List<RestoreLogLines> restores = RestoreLogLines.parse(processJob.logFile("0"));
    assertEquals(2, restores.size(), restores::toString);
    RestoreLogLines afterCrash = restores.get(1);
    assertEquals(2, afterCrash.start());
    assertTrue(afterCrash.reusedLocalState(), "the snapshot of the checkpointed commit was reused: " + afterCrash);
    assertEquals(0, afterCrash.restoredRecords(), "that snapshot matches the checkpoint: nothing to replay");
    assertEquals(touchedAfterCheckpoint.size(), afterCrash.trimmedKeys(),
        "every key written after the checkpoint was trimmed back: " + touchedAfterCheckpoint);

    Checkpoint last = CountingJob.checkpoints(config).values().iterator().next();
    assertEquals(3L * PHASE - 1, last.inputOffsets().values().iterator().next());
    assertTrue(last.changelogOffsets().containsKey(CountingTask.STORE), last::toString);
  }

  private static List<String> randomPuts(Random random, int count, int keys) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(random.nextInt(25) == 0 ? CountingTask.DELETE + "k" + random.nextInt(keys) : "k" + random.nextInt(keys));
    }
    return values;
  }

  static String log(ProcessJob job) {
    StringBuilder text = new StringBuilder();
    for (String id : List.of("0", "1")) {
      try {
        text.append("\n--- ").append(job.logFile(id)).append('\n').append(Files.readString(job.logFile(id)));
      } catch (java.io.IOException e) {
        text.append("\n(no log ").append(job.logFile(id)).append(')');
      }
    }
    return text.toString();
  }
}
