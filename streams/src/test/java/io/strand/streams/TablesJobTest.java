package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Tables and their joins ({@link TablesApp}) end to end on the real broker, each against a truth
 * computed here. Where a stream and a table of one task interleave, the order is the task's
 * (offset order per partition, partitions interleaved by the run loop): the truth then is that
 * each stream record saw the table as of some prefix of its partition's updates, the prefixes in
 * stream order never going back — checked exactly, the prefix found greedily.
 */
@RealKafka
class TablesJobTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int PARTITIONS = 2;

  private static Map<String, String> serdes() {
    return Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string");
  }

  /** Key {@code c<n>} lives in partition n % 2 of every topic, so a test knows each record's task. */
  private static int partitionOf(String key) {
    return Integer.parseInt(key.substring(1)) % PARTITIONS;
  }

  private static void compacted(KafkaCluster kafka, String topic, int partitions) {
    kafka.client().createTopic(new TopicSpec(topic, partitions, Map.of("cleanup.policy", "compact")));
  }

  @Test
  void streamTableJoinsSeeTheTableAsOfTheirPositionAndALeftJoinGivesNullForAMissingKey(KafkaCluster kafka) {
    String stream = kafka.uniqueTopic("st-orders");
    String table = kafka.uniqueTopic("st-customers");
    String out = stream + "-out";
    compacted(kafka, table, PARTITIONS);
    kafka.client().createTopic(out + "-inner", 1);
    kafka.client().createTopic(out + "-left", 1);
    Random random = new Random(16);
    List<TestRecord> tableRecords = new ArrayList<>();
    List<TestRecord> streamRecords = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String key = "c" + random.nextInt(12); // c10, c11 never get a row: a left join gives null
      if (random.nextInt(3) > 0 && !key.equals("c10") && !key.equals("c11")) {
        String value = random.nextInt(6) == 0 ? null : "name" + i; // some tombstones
        tableRecords.add(TestRecord.at(partitionOf(key), key, value));
      }
      streamRecords.add(TestRecord.at(partitionOf(key), key, "order" + i));
    }
    kafka.client().produce(toProducerRecords(table, tableRecords));
    JobTestResult result = JobTestRunner.forApplication(TablesApp.class, kafka).config(serdes())
        .config("test.kind", "stream-table").config("test.stream", stream).config("test.table", table)
        .config("test.out", out).input(stream, PARTITIONS, streamRecords)
        .runUntil(r -> r.output(out + "-left").size() >= streamRecords.size(), DEADLINE);

    List<ConsumerRecord<String, String>> left = result.output(out + "-left");
    assertEquals(streamRecords.size(), left.size(), "a left join emits every stream record once");
    assertTrue(left.stream().anyMatch(r -> r.value().endsWith("|null")), "some keys have no row");
    List<ConsumerRecord<String, String>> inner = result.output(out + "-inner");
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      List<TestRecord> updates = tableRecords.stream().filter(r -> r.partition() == partition).toList();
      List<TestRecord> records = streamRecords.stream().filter(r -> r.partition() == partition).toList();
      List<ConsumerRecord<String, String>> leftOfTask = left.stream().filter(r -> partitionOf(r.key()) == partition)
          .toList();
      assertSeesGrowingPrefixes(updates, records, leftOfTask);
      // The inner join sees the same table at the same record: the left join's results without the nulls.
      List<String> expectedInner = leftOfTask.stream().filter(r -> !r.value().endsWith("|null"))
          .map(r -> r.key() + "=" + r.value()).toList();
      assertEquals(expectedInner, inner.stream().filter(r -> partitionOf(r.key()) == partition)
          .map(r -> r.key() + "=" + r.value()).toList());
    }
  }

  /**
   * Each output (in the task's order) is {@code record|row} for the row its key had after some
   * prefix of the partition's table updates, the prefix never shrinking from one record to the next.
   */
  private static void assertSeesGrowingPrefixes(List<TestRecord> updates, List<TestRecord> records,
      List<ConsumerRecord<String, String>> outputs) {
    assertEquals(records.size(), outputs.size());
    Map<String, String> table = new HashMap<>();
    int applied = 0;
    for (int i = 0; i < records.size(); i++) {
      TestRecord record = records.get(i);
      ConsumerRecord<String, String> output = outputs.get(i);
      assertEquals(record.key(), output.key(), "outputs in the order of the partition's records");
      while (!output.value().equals(TablesApp.joined(record.value(), table.get(record.key())))) {
        assertTrue(applied < updates.size(), "output " + output.value() + " of " + record + " matches no table state"
            + " at or after the one the previous record saw");
        TestRecord u = updates.get(applied++);
        if (u.value() == null) {
          table.remove(u.key());
        } else {
          table.put(u.key(), u.value());
        }
      }
    }
  }

  @Test
  void streamGlobalTableJoinsReadTheWholeTableBeforeTheStreamByAKeyFromTheValue(KafkaCluster kafka) {
    String stream = kafka.uniqueTopic("gt-orders");
    String table = kafka.uniqueTopic("gt-customers");
    String out = stream + "-out";
    compacted(kafka, table, 3); // not co-partitioned with the 2-partition stream: a global table needs not be
    Random random = new Random(61);
    Map<String, String> customers = new TreeMap<>();
    List<ProducerRecord<String, String>> tableRecords = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String customer = "cust" + random.nextInt(30);
      String value = random.nextInt(5) == 0 ? null : "name" + i;
      tableRecords.add(new ProducerRecord<>(table, customer, value));
      if (value == null) {
        customers.remove(customer);
      } else {
        customers.put(customer, value);
      }
    }
    kafka.client().produce(tableRecords);
    List<TestRecord> orders = new ArrayList<>();
    Map<String, String> innerTruth = new TreeMap<>();
    Map<String, String> leftTruth = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      String order = "order" + i;
      String customer = "cust" + random.nextInt(35); // cust30..34 never exist
      String value = customer + ":" + i;
      orders.add(TestRecord.at(i % PARTITIONS, order, value));
      String row = customers.get(customer);
      leftTruth.put(order, TablesApp.joined(value, row));
      if (row != null) {
        innerTruth.put(order, TablesApp.joined(value, row));
      }
    }
    JobTestResult result = JobTestRunner.forApplication(TablesApp.class, kafka).config(serdes())
        .config("test.kind", "global").config("test.stream", stream).config("test.table", table)
        .config("test.out", out).config("job.container.count", "2").input(stream, PARTITIONS, orders)
        .runUntil(r -> r.output(out + "-left").size() >= orders.size()
            && r.output(out + "-inner").size() >= innerTruth.size(), DEADLINE);

    assertEquals(leftTruth, asMap(result.output(out + "-left")));
    assertEquals(orders.size(), result.output(out + "-left").size());
    assertEquals(innerTruth, asMap(result.output(out + "-inner")));
    assertEquals(innerTruth.size(), result.output(out + "-inner").size());
    assertTrue(innerTruth.size() < leftTruth.size(), "some orders have no customer");
  }

  @Test
  void tableTableJoinsEmitEachChangeOfEitherSideWithTombstonesForRemovedResults(KafkaCluster kafka) {
    String leftTopic = kafka.uniqueTopic("tt-left");
    String rightTopic = kafka.uniqueTopic("tt-right");
    String out = leftTopic + "-out";
    compacted(kafka, leftTopic, PARTITIONS);
    compacted(kafka, rightTopic, PARTITIONS);
    for (String kind : List.of("inner", "left", "outer")) {
      kafka.client().createTopic(out + "-" + kind, 1);
    }
    Random random = new Random(33);
    Map<String, List<String>> leftUpdates = new TreeMap<>();
    Map<String, List<String>> rightUpdates = new TreeMap<>();
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      boolean leftSide = random.nextBoolean();
      String key = "c" + random.nextInt(10);
      String value = random.nextInt(4) == 0 ? null : (leftSide ? "l" : "r") + i;
      Map<String, List<String>> updates = leftSide ? leftUpdates : rightUpdates;
      List<String> ofKey = updates.computeIfAbsent(key, k -> new ArrayList<>());
      String current = ofKey.isEmpty() ? null : ofKey.get(ofKey.size() - 1);
      records.add(new ProducerRecord<>(leftSide ? leftTopic : rightTopic, partitionOf(key), key, value));
      if (value != null || current != null) { // deleting an absent key is no change
        ofKey.add(value);
      }
    }
    kafka.client().produce(records);
    Map<String, Integer> expectedCounts = new HashMap<>();
    JobTestResult result = JobTestRunner.forApplication(TablesApp.class, kafka).config(serdes())
        .config("test.kind", "table-table").config("test.left", leftTopic).config("test.right", rightTopic)
        .config("test.out", out)
        .runUntil(r -> List.of("inner", "left", "outer").stream().allMatch(kind ->
            finalState(r.output(out + "-" + kind)).equals(finalJoin(kind, leftUpdates, rightUpdates))), DEADLINE);

    for (String kind : List.of("inner", "left", "outer")) {
      List<ConsumerRecord<String, String>> emitted = result.output(out + "-" + kind);
      assertEquals(finalJoin(kind, leftUpdates, rightUpdates), finalState(emitted), kind + ": the final result");
      Map<String, List<String>> byKey = new TreeMap<>();
      emitted.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
      boolean tombstones = false;
      for (String key : union(leftUpdates, rightUpdates)) {
        List<String> outputs = byKey.getOrDefault(key, List.of());
        tombstones |= outputs.stream().anyMatch(Objects::isNull); // List.of().contains(null) throws
        assertTrue(isInterleaving(kind, leftUpdates.getOrDefault(key, List.of()),
                rightUpdates.getOrDefault(key, List.of()), outputs),
            kind + " join of key " + key + ": outputs " + outputs + " are not one per change of an interleaving of left "
                + leftUpdates.get(key) + " and right " + rightUpdates.get(key));
      }
      assertTrue(tombstones, kind + ": some results were removed");
      expectedCounts.put(kind, emitted.size());
    }
    assertFalse(expectedCounts.isEmpty());
  }

  private static List<String> union(Map<String, List<String>> a, Map<String, List<String>> b) {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return new ArrayList<>(keys);
  }

  private static String join(String kind, String l, String r) {
    boolean present = switch (kind) {
      case "inner" -> l != null && r != null;
      case "left" -> l != null;
      default -> l != null || r != null;
    };
    return present ? TablesApp.joined(l, r) : null;
  }

  private static Map<String, String> finalJoin(String kind, Map<String, List<String>> left,
      Map<String, List<String>> right) {
    Map<String, String> result = new TreeMap<>();
    for (String key : union(left, right)) {
      String joined = join(kind, last(left.get(key)), last(right.get(key)));
      if (joined != null) {
        result.put(key, joined);
      }
    }
    return result;
  }

  private static String last(List<String> updates) {
    return updates == null || updates.isEmpty() ? null : updates.get(updates.size() - 1);
  }

  /**
   * Whether the outputs of one key are exactly what the join emits for some interleaving of the
   * two sides' updates: per change, the result after it when the result before or after exists.
   */
  private static boolean isInterleaving(String kind, List<String> left, List<String> right, List<String> outputs) {
    java.util.Set<List<Integer>> states = new java.util.HashSet<>(List.of(List.of(0, 0, 0)));
    for (int step = 0; step < left.size() + right.size(); step++) {
      java.util.Set<List<Integer>> next = new java.util.HashSet<>();
      for (List<Integer> s : states) {
        int i = s.get(0);
        int j = s.get(1);
        int o = s.get(2);
        String l = i == 0 ? null : left.get(i - 1);
        String r = j == 0 ? null : right.get(j - 1);
        if (i < left.size()) {
          advance(next, i + 1, j, o, join(kind, l, r), join(kind, left.get(i), r), outputs);
        }
        if (j < right.size()) {
          advance(next, i, j + 1, o, join(kind, l, r), join(kind, l, right.get(j)), outputs);
        }
      }
      states = next;
    }
    return states.contains(List.of(left.size(), right.size(), outputs.size()));
  }

  private static void advance(java.util.Set<List<Integer>> next, int i, int j, int o, String before, String after,
      List<String> outputs) {
    if (before == null && after == null) {
      next.add(List.of(i, j, o));
    } else if (o < outputs.size() && Objects.equals(outputs.get(o), after)) {
      next.add(List.of(i, j, o + 1));
    }
  }

  /** The latest value per key, a null value deleting. */
  private static Map<String, String> finalState(List<ConsumerRecord<String, String>> records) {
    Map<String, String> state = new TreeMap<>();
    for (ConsumerRecord<String, String> r : records) {
      if (r.value() == null) {
        state.remove(r.key());
      } else {
        state.put(r.key(), r.value());
      }
    }
    return state;
  }

  private static Map<String, String> asMap(List<ConsumerRecord<String, String>> records) {
    Map<String, String> map = new TreeMap<>();
    records.forEach(r -> map.put(r.key(), r.value()));
    return map;
  }

  private static List<ProducerRecord<String, String>> toProducerRecords(String topic, List<TestRecord> records) {
    return records.stream().map(r -> new ProducerRecord<>(topic, r.partition(), r.key(), r.value())).toList();
  }

  @Test
  void aTableRestoredFromItsOwnTopicHoldsExactlyTheCheckpointedStateAfterARestart(KafkaCluster kafka) {
    String table = kafka.uniqueTopic("ops-table");
    String stream = kafka.uniqueTopic("ops-events");
    String out = table + "-out";
    compacted(kafka, table, 1);
    kafka.client().createTopic(stream, 1);
    String jobName = "tables-restart-" + table;
    List<ProducerRecord<String, String>> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(new ProducerRecord<>(table, 0, "k" + i, "v" + i));
    }
    for (int i = 0; i < 30; i++) {
      first.add(new ProducerRecord<>(stream, 0, "e" + (i % 3), "x"));
    }
    kafka.client().produce(first);
    JobTestRunner.forApplication(TablesApp.class, kafka).config(serdes()).config("job.name", jobName)
        .config("test.kind", "table-ops").config("test.table", table).config("test.stream", stream)
        .config("test.out", out)
        .runUntil(r -> r.output(out + "-kept").size() >= 20 && r.output(out + "-even-counts").size() >= 27, DEADLINE);
    int keptBefore = kafka.client().readAll(out + "-kept").size();
    int countsBefore = kafka.client().readAll(out + "-even-counts").size();
    assertEquals(20, keptBefore, "run 1: every row passes the filter once");

    // After the restart: k0..k4 turn to "x…" (filtered out: deleted downstream only if the restored
    // store holds their old row), k5..k9 change, k100 is new and filtered out (no old row: nothing).
    List<ProducerRecord<String, String>> second = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      second.add(new ProducerRecord<>(table, 0, "k" + i, "x" + i));
    }
    for (int i = 5; i < 10; i++) {
      second.add(new ProducerRecord<>(table, 0, "k" + i, "w" + i));
    }
    second.add(new ProducerRecord<>(table, 0, "k100", "x100"));
    second.add(new ProducerRecord<>(table, 0, "k10", null));
    second.add(new ProducerRecord<>(stream, 0, "e0", "x"));
    second.add(new ProducerRecord<>(stream, 0, "e1", "x"));
    kafka.client().produce(second);
    JobTestRunner.forApplication(TablesApp.class, kafka).config(serdes()).config("job.name", jobName)
        .config("test.kind", "table-ops").config("test.table", table).config("test.stream", stream)
        .config("test.out", out)
        .runUntil(r -> r.output(out + "-kept").size() >= keptBefore + 11
            && r.output(out + "-even-counts").size() >= countsBefore + 2, DEADLINE);

    List<ConsumerRecord<String, String>> kept = kafka.client().readAll(out + "-kept");
    Map<String, String> after = new LinkedHashMap<>();
    kept.subList(keptBefore, kept.size()).forEach(r -> after.put(r.key(), r.value()));
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      expected.put("k" + i, null);
    }
    for (int i = 5; i < 10; i++) {
      expected.put("k" + i, "W" + i);
    }
    expected.put("k10", null);
    assertEquals(expected, after, "run 2: tombstones exactly for the restored rows that left the filter");
    assertEquals(keptBefore + 11, kept.size(), "nothing of run 1 processed again, nothing for k100");
    // e0 had 10 events (count 10, even: emitted as 10), now 11 (odd: filtered out, deleted downstream);
    // e1 had 10, now 11 likewise. The toTable store came back from its changelog.
    List<ConsumerRecord<String, String>> counts = kafka.client().readAll(out + "-even-counts");
    Map<String, String> lastCounts = new TreeMap<>();
    counts.subList(countsBefore, counts.size()).forEach(r -> lastCounts.put(r.key(), r.value()));
    Map<String, String> expectedCounts = new TreeMap<>();
    expectedCounts.put("e0", null);
    expectedCounts.put("e1", null);
    assertEquals(expectedCounts, lastCounts);
  }

  @Test
  void foreignKeyJoinsFollowUpdatesAndDeletesOnBothSidesToTheJoinOfTheFinalTables(KafkaCluster kafka) {
    String leftTopic = kafka.uniqueTopic("fk-orders");
    String rightTopic = kafka.uniqueTopic("fk-customers");
    String out = leftTopic + "-out";
    compacted(kafka, leftTopic, PARTITIONS);
    compacted(kafka, rightTopic, PARTITIONS);
    Random random = new Random(213);
    Map<String, String> orders = new TreeMap<>();
    Map<String, String> customers = new TreeMap<>();
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      if (random.nextInt(3) == 0) {
        String customer = "cust" + random.nextInt(15);
        String name = random.nextInt(4) == 0 ? null : "name" + i;
        records.add(new ProducerRecord<>(rightTopic, customer, name));
        put(customers, customer, name);
      } else {
        String order = "order" + random.nextInt(40);
        // Deletes, and moves between customers (the foreign key changes), cust15..17 never exist.
        // An empty customer is a null foreign key: the left join gives (order, null) for it, as Kafka Streams.
        String value = random.nextInt(5) == 0 ? null
            : (random.nextInt(6) == 0 ? "" : "cust" + random.nextInt(18)) + ":" + i;
        records.add(new ProducerRecord<>(leftTopic, order, value));
        put(orders, order, value);
      }
    }
    kafka.client().produce(records);
    Map<String, String> inner = new TreeMap<>();
    Map<String, String> left = new TreeMap<>();
    orders.forEach((order, value) -> {
      String name = customers.get(value.split(":")[0]);
      left.put(order, TablesApp.joined(value, name));
      if (name != null) {
        inner.put(order, TablesApp.joined(value, name));
      }
    });
    assertTrue(inner.size() < left.size() && !inner.isEmpty(), "the data has matches and misses");
    assertTrue(left.values().stream().anyMatch(v -> v.startsWith(":")), "the data has rows without a foreign key");
    JobTestResult result = JobTestRunner.forApplication(TablesApp.class, kafka).config(serdes())
        .config("test.kind", "fk").config("test.left", leftTopic).config("test.right", rightTopic)
        .config("test.out", out).config("job.container.count", "2")
        .runUntil(r -> finalState(r.output(out + "-inner")).equals(inner)
            && finalState(r.output(out + "-left")).equals(left), DEADLINE);

    assertEquals(inner, finalState(result.output(out + "-inner")));
    assertEquals(left, finalState(result.output(out + "-left")));
    assertTrue(result.output(out + "-inner").stream().anyMatch(r -> r.value() == null), "results were removed");
  }

  private static void put(Map<String, String> table, String key, String value) {
    if (value == null) {
      table.remove(key);
    } else {
      table.put(key, value);
    }
  }

  @Test
  void joiningInputsWithDifferentPartitionCountsFailsWhenPlannedNamingBothAndSuggestingRepartition(KafkaCluster kafka) {
    String stream = kafka.uniqueTopic("cp-orders");
    String table = kafka.uniqueTopic("cp-customers");
    compacted(kafka, table, 3);
    // The coordinator's check (job.copartitioned.<join>, as for stream-stream joins): no container starts.
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        JobTestRunner.forApplication(TablesApp.class, kafka).config(serdes())
            .config("test.kind", "copartition").config("test.stream", stream).config("test.table", table)
            .config("test.out", stream + "-out").input(stream, 2, List.of(TestRecord.at(0, "c0", "o")))
            .runUntil(r -> false, DEADLINE));
    String message = e.getMessage();
    assertTrue(message.contains("kafka." + stream + " has 2") && message.contains("kafka." + table + " has 3")
        && message.contains("repartition"), message);
  }
}
