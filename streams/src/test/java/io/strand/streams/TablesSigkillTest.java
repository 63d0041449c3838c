package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.testkit.job.ProcessJobKills;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import io.strand.testkit.kill.KillThrottle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table restored from its own topic after SIGKILLs: {@link TablesApp}'s {@code kill} graph (a
 * table, a filter whose tombstones depend on the old row, toStream) over 4 partitions in process
 * mode with two containers killed three times at random points under exactly-once. Every key's
 * output equals, record for record, what the updates give without a crash (computed here): a
 * restore that stopped anywhere but at the checkpointed offset would miss or add tombstones.
 */
@RealKafka
class TablesSigkillTest {

  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 15_000;
  private static final int KEYS_PER_PARTITION = 40;
  private static final int KILLS = 3;

  @TempDir
  Path workDir;

  @Test
  void exactlyOnceTableOutputAfterKillsEqualsTheOutputOfTheUpdatesWithoutACrash(KafkaCluster kafka) throws Exception {
    String table = kafka.uniqueTopic("kill-table");
    String out = table + "-out";
    kafka.client().createTopic(table, PARTITIONS);
    kafka.client().createTopic(out, PARTITIONS);
    Random random = new Random(table.hashCode());
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    Map<String, List<String>> truth = new TreeMap<>();
    Map<String, Long> rows = new HashMap<>();
    for (int i = 0; i < PER_PARTITION; i++) {
      for (int p = 0; p < PARTITIONS; p++) {
        String key = "p" + p + "-k" + random.nextInt(KEYS_PER_PARTITION);
        Long value = random.nextInt(10) == 0 ? null : (long) random.nextInt(1000);
        records.add(new ProducerRecord<>(table, p, key, value == null ? null : value.toString()));
        Long old = value == null ? rows.remove(key) : rows.put(key, value);
        if (value == null && old == null) {
          continue; // deleting an absent key is no change
        }
        String newKept = value != null && value % 3 != 0 ? value.toString() : null;
        String oldKept = old != null && old % 3 != 0 ? old.toString() : null;
        if (newKept != null || oldKept != null) {
          truth.computeIfAbsent(key, k -> new ArrayList<>()).add(newKept);
        }
      }
    }
    kafka.client().produce(records);

    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "kill-" + table);
    m.put("app.class", TablesApp.class.getName());
    m.put("job.container.count", "2");
    m.put("job.factory.class", ProcessJobFactory.class.getName());
    m.put("job.logged.store.base.dir", workDir.resolve("stores").toString());
    m.put("job.non-logged.store.base.dir", workDir.resolve("non-logged").toString());
    m.put("strand.process.work.dir", workDir.toString());
    m.put("task.commit.ms", "500");
    m.put("task.shutdown.ms", "10000");
    m.put("task.delivery.guarantee", "exactly-once");
    m.put("cluster-manager.container.retry.count", "20");
    m.put("task.opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(m, table);
    m.putAll(Map.of("test.kind", "kill", "test.table", table, "test.out", out));
    // 2,500 records/s per container until the last kill
    m.putAll(KillThrottle.keys(25, 10, workDir.resolve("kills-done")));
    Config config = ApplicationLoader.resolve(Config.of(m));

    ProcessJobKills.run(config, (long) PARTITIONS * PER_PARTITION, KILLS, random);

    Map<String, List<String>> emitted = new TreeMap<>();
    for (ConsumerRecord<String, String> r : kafka.client().readAll(out)) { // read_committed
      emitted.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
    }
    assertEquals(truth, emitted);
  }
}
