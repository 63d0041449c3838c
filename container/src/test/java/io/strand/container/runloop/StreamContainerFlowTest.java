package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.await;
import static io.strand.container.runloop.ContainerHarness.checkpointed;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.eventsStartingWith;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.job.JobIdentity;
import io.strand.container.runloop.ContainerHarness.Running;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** StreamContainer on the real broker: output, choosers, timers and coordinator requests. */
@RealKafka
class StreamContainerFlowTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @ParameterizedTest(name = "thread pool size {0}")
  @ValueSource(ints = {0, 2})
  void filterMapOverEightPartitionsGivesExactlyTheExpectedOutput(int poolSize, KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("filtermap");
    String in = kafka.uniqueTopic("fm-in");
    String out = kafka.uniqueTopic("fm-out");
    client.createTopic(in, 8);
    client.createTopic(out, 4);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    Map<String, Integer> expected = new HashMap<>();
    for (int n = 1; n <= 2000; n++) {
      records.add(new ProducerRecord<>(in, n % 8, null, String.valueOf(n)));
      if (n % 3 != 0) {
        expected.merge(String.valueOf(2 * n), 1, Integer::sum);
      }
    }
    client.produce(records);
    Config config = config(kafka, job, FilterMapJobTask.class, "kafka." + in,
        "systems.kafka.streams." + in + ".strand.bounded", "true",
        "test.output", "kafka." + out,
        "job.container.thread.pool.size", String.valueOf(poolSize));

    Running running = start(config, model(job, Map.of(in, 8)));
    running.awaitClean(WAIT); // bounded input: run() returns by itself

    List<ConsumerRecord<String, String>> output = client.readAll(out);
    Map<String, Integer> actual = new HashMap<>();
    for (ConsumerRecord<String, String> r : output) {
      actual.merge(r.value(), 1, Integer::sum);
      int partition = Utils.toPositive(Utils.murmur2(("pk-" + r.key()).getBytes(StandardCharsets.UTF_8))) % 4;
      assertEquals(partition, r.partition(), "partition of key " + r.key() + " follows murmur2 of the partition key");
    }
    assertEquals(expected, actual);
    assertEquals(8, eventsStartingWith(job, "eos:").size(), "every task got onEndOfStream once");
    for (int p = 0; p < 8; p++) {
      assertEquals(Optional.of(249L), checkpointed(config, job, "Partition " + p, in, p), "final checkpoint of " + p);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"at-least-once", "exactly-once"})
  void bootstrapStreamIsReadCompletelyBeforeTheFirstMainMessage(String guarantee, KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("bootstrap");
    String boot = kafka.uniqueTopic("boot");
    String main = kafka.uniqueTopic("main");
    client.createTopic(boot, 1);
    client.createTopic(main, 1);
    client.produce(numbered(boot, 500, "b"));
    client.produce(numbered(main, 500, "m"));
    Config config = config(kafka, job, RecordingTask.class, "kafka." + main + ",kafka." + boot,
        "systems.kafka.streams." + boot + ".samza.bootstrap", "true",
        "systems.kafka.streams." + boot + ".strand.bounded", "true",
        "systems.kafka.streams." + main + ".strand.bounded", "true",
        "task.delivery.guarantee", guarantee);

    start(config, model(job, Map.of(boot, 1, main, 1))).awaitClean(WAIT);

    List<String> msgs = eventsStartingWith(job, "msg:");
    assertEquals(1000, msgs.size());
    int lastBoot = lastIndexOf(msgs, ":" + boot + ":");
    int firstMain = firstIndexOf(msgs, ":" + main + ":");
    assertTrue(lastBoot < firstMain, "last bootstrap message at " + lastBoot + ", first main message at " + firstMain);
    assertEquals(Optional.of(499L), checkpointed(config, job, "Partition 0", boot, 0),
        "the bootstrap stream's progress is in the checkpoint (under exactly-once, in its transaction)");
  }

  @Test
  void higherPriorityInputIsDeliveredFirstWhenBothHaveData(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String job = ContainerHarness.jobName("priority");
    String hi = kafka.uniqueTopic("hi");
    String lo = kafka.uniqueTopic("lo");
    client.createTopic(hi, 1);
    client.createTopic(lo, 1);
    client.produce(numbered(lo, 1000, "l"));
    client.produce(numbered(hi, 1000, "h"));
    Config config = config(kafka, job, RecordingTask.class, "kafka." + lo + ",kafka." + hi,
        "systems.kafka.streams." + hi + ".samza.priority", "10",
        "systems.kafka.streams." + hi + ".strand.bounded", "true",
        "systems.kafka.streams." + lo + ".strand.bounded", "true");

    start(config, model(job, Map.of(hi, 1, lo, 1))).awaitClean(WAIT);

    List<String> msgs = eventsStartingWith(job, "msg:");
    assertEquals(2000, msgs.size());
    int lastHi = lastIndexOf(msgs, ":" + hi + ":");
    long loBeforeLastHi = msgs.subList(0, lastHi).stream().filter(m -> m.contains(":" + lo + ":")).count();
    // Round robin would interleave (about 1000 low messages before the last high one); with priority
    // only what was delivered before the high partition's first batch arrived can precede it.
    assertTrue(loBeforeLastHi <= 200, loBeforeLastHi + " low-priority messages came before the last high one");
  }

  @Test
  void withTheDefaultTurnsEveryTaskProgressesWhileTheOtherHasABacklog(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String job = ContainerHarness.jobName("turns");
    String in = kafka.uniqueTopic("turns");
    client.createTopic(in, 2);
    int perPartition = 3 * RunLoopSettings.DEFAULT_CHOOSER_BATCH_SIZE + 100;
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < perPartition; i++) {
      records.add(new ProducerRecord<>(in, 0, null, "a" + i));
      records.add(new ProducerRecord<>(in, 1, null, "b" + i));
    }
    client.produce(records);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in,
        "systems.kafka.streams." + in + ".strand.bounded", "true");

    start(config, model(job, Map.of(in, 2))).awaitClean(WAIT);

    List<String> msgs = eventsStartingWith(job, "msg:");
    assertEquals(2 * perPartition, msgs.size());
    long[] next = new long[2];
    for (String m : msgs) {
      String[] f = m.split(":");
      int p = Integer.parseInt(f[3]);
      assertEquals(next[p]++, Long.parseLong(f[4]), "offset order of partition " + p + " at " + m);
    }
    // Each task's first message comes before the other's last: neither waits for the other's backlog.
    int lastA = lastIndexOf(msgs, "msg:Partition 0:");
    int lastB = lastIndexOf(msgs, "msg:Partition 1:");
    assertTrue(firstIndexOf(msgs, "msg:Partition 1:") < lastA, "Partition 1 began only after Partition 0 ended");
    assertTrue(firstIndexOf(msgs, "msg:Partition 0:") < lastB, "Partition 0 began only after Partition 1 ended");
  }

  @Test
  void windowAndCommitTimersFireAtTheirIntervals(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("timers");
    String in = kafka.uniqueTopic("timers");
    client.createTopic(in, 1);
    client.produce(numbered(in, 10, "t"));
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in,
        "task.window.ms", "100", "task.commit.ms", "250");

    Running running = start(config, model(job, Map.of(in, 1)));
    assertTrue(running.container.awaitStarted(30_000));
    long t0 = System.nanoTime();
    await(() -> eventsStartingWith(job, "window:").size() >= 15, WAIT, "15 windows");
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    running.stopAndAwait();
    long totalMs = (System.nanoTime() - t0) / 1_000_000;

    assertTrue(elapsedMs >= 15 * 100 * 8 / 10, "15 windows of 100 ms took only " + elapsedMs + " ms");
    assertTrue(elapsedMs <= 15 * 100 * 4, "15 windows of 100 ms took " + elapsedMs + " ms");
    int commits = client.readAllBytes(new JobIdentity(job, "1").checkpointTopic()).size();
    assertTrue(commits >= totalMs / 250 / 2, commits + " checkpoints in " + totalMs + " ms at 250 ms intervals");
    assertTrue(commits <= totalMs / 250 + 3, commits + " checkpoints in " + totalMs + " ms at 250 ms intervals");
  }

  @Test
  void commitCurrentTaskWritesThatTasksCheckpoint(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("commit");
    String in = kafka.uniqueTopic("commit");
    client.createTopic(in, 2);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in, "task.commit.ms", "3600000");
    client.produce(List.of(new ProducerRecord<>(in, 0, null, "a"), new ProducerRecord<>(in, 0, null, "b"),
        new ProducerRecord<>(in, 0, null, "commit"), new ProducerRecord<>(in, 1, null, "c")));

    Running running = start(config, model(job, Map.of(in, 2)));
    await(() -> checkpointed(config, job, "Partition 0", in, 0).isPresent(), WAIT, "a checkpoint of Partition 0");
    assertEquals(Optional.of(2L), checkpointed(config, job, "Partition 0", in, 0));
    assertFalse(ContainerHarness.checkpoints(config, job).containsKey(new io.strand.container.TaskName("Partition 1")),
        "only the task that asked was committed");
    running.stopAndAwait();
    assertEquals(Optional.of(0L), checkpointed(config, job, "Partition 1", in, 1), "final commit covers every task");
  }

  @Test
  void shutdownAllTasksStopsTheContainerCleanly(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("stopall");
    String in = kafka.uniqueTopic("stopall");
    client.createTopic(in, 2);
    client.produce(List.of(new ProducerRecord<>(in, 1, null, "x"), new ProducerRecord<>(in, 0, null, "y"),
        new ProducerRecord<>(in, 0, null, "stop-all")));
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in);

    start(config, model(job, Map.of(in, 2))).awaitClean(WAIT);

    assertEquals(List.of("close:Partition 0", "close:Partition 1"), eventsStartingWith(job, "close:"));
    assertEquals(Optional.of(1L), checkpointed(config, job, "Partition 0", in, 0));
  }

  @Test
  void shutdownCurrentTaskIsAVote(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("vote");
    String in = kafka.uniqueTopic("vote");
    client.createTopic(in, 2);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in);
    client.produce(List.of(new ProducerRecord<>(in, 0, null, "a"), new ProducerRecord<>(in, 0, null, "vote")));

    Running running = start(config, model(job, Map.of(in, 2)));
    await(() -> eventsStartingWith(job, "msg:Partition 0").size() == 2, WAIT, "the vote of Partition 0");
    client.produce(List.of(new ProducerRecord<>(in, 0, null, "after-vote"), new ProducerRecord<>(in, 1, null, "b")));
    await(() -> eventsStartingWith(job, "msg:Partition 1").size() == 1, WAIT, "Partition 1 still processing");
    assertFalse(running.done.isDone(), "one vote of two does not stop the container");

    client.produce(List.of(new ProducerRecord<>(in, 1, null, "vote")));
    running.awaitClean(WAIT);
    assertEquals(2, eventsStartingWith(job, "msg:Partition 0").size(), "no message after a task's vote");
    assertEquals(2, eventsStartingWith(job, "close:").size());
    assertEquals(Optional.of(1L), checkpointed(config, job, "Partition 0", in, 0));
    assertEquals(Optional.of(1L), checkpointed(config, job, "Partition 1", in, 1));
  }

  private static List<ProducerRecord<String, String>> numbered(String topic, int n, String prefix) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(new ProducerRecord<>(topic, 0, null, prefix + i));
    }
    return records;
  }

  private static int lastIndexOf(List<String> events, String part) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private static int firstIndexOf(List<String> events, String part) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }
}
