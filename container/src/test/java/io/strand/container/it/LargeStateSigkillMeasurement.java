package io.strand.container.it;

import static io.strand.container.it.LargeStateRestartMeasurement.KEYS;
import static io.strand.container.it.LargeStateRestartMeasurement.KEYS_PER_MESSAGE;
import static io.strand.container.it.LargeStateRestartMeasurement.STORE;
import static io.strand.container.it.LargeStateRestartMeasurement.VALUE_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.local.StoreDirLayout;
import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.TaskName;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testsupport.JarClassPath;
import io.strand.testkit.kafka.BrokerMode;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: measures how long a container holding a large RocksDB store (about 1 GB on disk by
 * default) takes, after a SIGKILL in the middle of its work, to process its first message again,
 * in either delivery mode ({@code -Dlarge.state.guarantee=exactly-once} or {@code at-least-once}).
 *
 * <p>The job of {@link LargeStateRestartMeasurement} (one task, a changelogged RocksDB store; each
 * {@code load:<i>} message puts {@value LargeStateRestartMeasurement#KEYS_PER_MESSAGE} keys with
 * random values) loads the state in thread mode and ends with a final commit. Then, per kill, the
 * whole key space is written again ({@code load:} messages once more, new random values) and the
 * job runs in process mode; once its container has processed a third of them (so its local state
 * is ahead of its last checkpoint, by the keys written since), the container JVM is killed with
 * SIGKILL and the runner starts it again at once. The measure is the time from the kill to the
 * new container JVM's first {@code process()} call, split into kill to JVM start, JVM start to
 * task init (restore included: the container's restore line says what was rolled back and
 * replayed) and init to the first message. Under exactly-once the default commit interval
 * (100 ms) applies to the killed and restarted containers (the load commits every 10 s); under
 * at-least-once the one of the clean-restart measurement (10 min), so the rollback covers every
 * key written since the load. A container killed before its first clean exit has dumped no
 * class-data sharing archive, so the first kill's restart runs without one and later ones with
 * the one the previous restart dumped at its exit.
 *
 * <p>Run with (sizes optional; {@code large.state.kills} kills, default 2;
 * {@code large.state.snapshot.interval.ms} sets {@code strand.container.store.snapshot.interval.ms}):
 * {@code mvn -B -q -pl container verify -Dcontainer.excludedGroups=none
 * -Dtest=LargeStateSigkillMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlarge.state.guarantee=exactly-once -Dlarge.state.keys=1000000 -Dlarge.state.value.bytes=1024}
 */
@Tag("measurement")
class LargeStateSigkillMeasurement {

  private static final String GUARANTEE = System.getProperty("large.state.guarantee", "exactly-once");
  private static final int KILLS = Integer.getInteger("large.state.kills", 2);
  private static final long KILL_RESTART_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);

  @TempDir
  Path workDir;

  @Test
  void restartAfterSigkillWithLargeLocalState() throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(
        BrokerSettings.defaults().withMode(BrokerMode.CHILD_JVM).withChildHeapMb(1024))) {
      String jobName = kafka.uniqueTopic("bigkill");
      String input = kafka.uniqueTopic("bigkill-in");
      String changelog = kafka.uniqueTopic("bigkill-changelog");
      kafka.client().createTopic(input, 1);
      Path probeFile = workDir.resolve("probe-millis");
      Path progressFile = workDir.resolve("progress");
      Path firstFile = workDir.resolve("first-process");
      Path instanceDir = new StoreDirLayout(workDir.resolve("stores"), jobName, JobConfig.DEFAULT_JOB_ID)
          .instanceDir(STORE, new TaskName("Partition 0"));
      Map<String, String> mode = new TreeMap<>();
      mode.put("task.delivery.guarantee", GUARANTEE);
      if (GUARANTEE.equals("exactly-once")) {
        mode.put("task.commit.ms", ""); // the mode's default, 100 ms
      }
      mode.put("cluster-manager.container.retry.count", String.valueOf(KILLS + 2));
      // A restart replays the changelog from the last local snapshot (at most one per this interval).
      String snapshotMs = System.getProperty("large.state.snapshot.interval.ms", "");
      if (!snapshotMs.isEmpty()) {
        mode.put("strand.container.store.snapshot.interval.ms", snapshotMs);
      }
      mode.put("test.large.progress.file", progressFile.toString());
      mode.put("test.large.first.file", firstFile.toString());
      long messages = (KEYS + KEYS_PER_MESSAGE - 1) / KEYS_PER_MESSAGE;

      // 1. Load, in this JVM; the job ends with a final commit.
      LargeStateRestartMeasurement.produce(kafka, input, loadMessages(messages));
      // The load is set-up, not measured: under exactly-once it commits every 10 s rather than 100 ms.
      Map<String, String> loadMode = new TreeMap<>(mode);
      if (GUARANTEE.equals("exactly-once")) {
        loadMode.put("task.commit.ms", "10000");
      }
      Config threadConfig = LargeStateRestartMeasurement.config(kafka.bootstrapServers(), jobName, input, changelog,
          ThreadJobFactory.class, probeFile, "", loadMode);
      long loadStart = System.nanoTime();
      StreamJob load = new ThreadJobFactory().getJob(threadConfig);
      load.submit();
      assertEquals(JobStatus.SUCCEEDED, load.waitForFinish(LargeStateRestartMeasurement.LOAD_TIMEOUT_MS));
      long loadMs = LargeStateRestartMeasurement.ms(System.nanoTime() - loadStart);
      System.out.printf("MEASURE %s load: %d keys x %d-byte values in %d ms; store dir %d MB on disk%n", GUARANTEE,
          KEYS, VALUE_BYTES, loadMs, LargeStateRestartMeasurement.duBytes(instanceDir) >> 20);

      // 2. Kills: rewrite every key, kill the container a third of the way through, time the restart.
      Config processConfig = LargeStateRestartMeasurement.config(kafka.bootstrapServers(), jobName, input, changelog,
          ProcessJobFactory.class, probeFile, "", mode);
      String jarClassPath = JarClassPath.of(workDir.resolve("jars"));
      List<String> summary = new ArrayList<>();
      for (int kill = 1; kill <= KILLS; kill++) {
        LargeStateRestartMeasurement.produce(kafka, input, loadMessages(messages));
        LargeStateRestartMeasurement.produce(kafka, input, List.of("probe"));
        Files.deleteIfExists(progressFile);
        Files.deleteIfExists(firstFile);
        ProcessJob job = new ProcessJobFactory().newJob(processConfig, jarClassPath);
        job.submit();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (progress(progressFile) < messages / 3) {
          assertTrue(System.nanoTime() < deadline && !job.status().isFinished(),
              () -> "no progress to a third of the rewrite: " + job.status());
          java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // poll the task's progress file
        }
        ProcessHandle victim = job.containerProcess("0").orElseThrow();
        long processedAtKill = progress(progressFile);
        long killMillis = System.currentTimeMillis();
        assertTrue(victim.destroyForcibly());
        victim.onExit().get(30, TimeUnit.SECONDS);
        // The runner starts the container again at once; its first process() call is the measure.
        while (Files.readAllLines(firstFile).size() < 2) {
          assertTrue(System.nanoTime() - deadline < TimeUnit.MILLISECONDS.toNanos(KILL_RESTART_TIMEOUT_MS)
              && !job.status().isFinished(), () -> "the restarted container processed nothing: " + job.status());
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll the task's first-process file
        }
        String[] first = Files.readAllLines(firstFile).get(1).split(",");
        long initMillis = Long.parseLong(first[0]);
        long firstMillis = Long.parseLong(first[1]);
        assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(KILL_RESTART_TIMEOUT_MS), () -> TrimAfterCrashTest.log(job));
        // The log file is shared by every job of the run: the last line of a second start is this kill's.
        // The runner writes "=== <instant> start <n> ..." right before it launches a container JVM
        // (the process' own start time has a coarse clock).
        long jvmStartMillis = Files.readAllLines(job.logFile("0")).stream()
            .filter(l -> l.startsWith("=== ") && l.contains(" start 2 of container")).reduce((a, b) -> b)
            .map(l -> java.time.Instant.parse(l.split(" ")[1]).toEpochMilli()).orElse(-1L);
        String restore = RestoreLogLines.parse(job.logFile("0")).stream().filter(r -> r.start() == 2)
            .map(RestoreLogLines::toString).reduce((a, b) -> b).orElse("no restore line");
        String line = String.format("%s kill %d (after %d of %d rewrite messages, %d keys): SIGKILL -> first process()"
                + " %d ms (-> new JVM launched %s ms, launch -> task init %s ms, init -> process %d ms); %s", GUARANTEE,
            kill, processedAtKill, messages, processedAtKill * KEYS_PER_MESSAGE, firstMillis - killMillis,
            jvmStartMillis < 0 ? "?" : String.valueOf(jvmStartMillis - killMillis),
            jvmStartMillis < 0 ? "?" : String.valueOf(initMillis - jvmStartMillis), firstMillis - initMillis, restore);
        summary.add(line);
        System.out.println("MEASURE " + line);
        List<String> all = Files.readAllLines(job.logFile("0"));
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).startsWith("===") && all.get(i).contains(" start 1 of container")) {
            from = i; // this kill's job: the log file is shared by every job of the run
          }
        }
        List<String> log = all.subList(from, all.size());
        System.out.println("MEASURE container log of kill " + kill + " (killed at " + java.time.Instant
            .ofEpochMilli(killMillis) + "):\n" + String.join("\n", log));
      }
      System.out.printf("MEASURE SUMMARY: %s, %d keys x %d B, store dir %d MB on disk, load %d ms%n", GUARANTEE, KEYS,
          VALUE_BYTES, LargeStateRestartMeasurement.duBytes(instanceDir) >> 20, loadMs);
      summary.forEach(s -> System.out.println("MEASURE SUMMARY: " + s));
    }
  }

  private static List<String> loadMessages(long messages) {
    List<String> load = new ArrayList<>();
    for (long i = 0; i < messages; i++) {
      load.add("load:" + i);
    }
    return load;
  }

  private static long progress(Path file) {
    try {
      return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
    } catch (java.io.IOException | NumberFormatException e) {
      return 0; // being written: read again
    }
  }
}
