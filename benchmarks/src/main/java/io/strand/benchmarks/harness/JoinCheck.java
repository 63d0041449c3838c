package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.HarnessClients;
import io.strand.benchmarks.data.JoinInputLoader.JoinTruth;
import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Checks the join workloads' outputs, every round, against what the input says they must be and
 * against each other. Each output is read in full and summed into an order-independent digest
 * ({@link JoinPayloads#digest}), so two runs with equal record counts and digests emitted the same
 * multiset of records.
 *
 * <ul>
 *   <li>enrichment: one output per input record (every key has a table row), each carrying its
 *       key's attribute; the sampled keys' output counts equal the loader's counts; and the digest
 *       equals that of the suite's first enrichment run that passed (the reference);</li>
 *   <li>join: exactly the pairs the loader computed ({@link JoinTruth}): their count and digest.</li>
 * </ul>
 *
 * <p>Threading: the harness thread.
 */
final class JoinCheck {

  private final String bootstrapServers;
  private final Expected expected;
  private final JoinTruth truth;
  private Long referenceDigest;
  private String referenceName;

  /**
   * @param bootstrapServers the broker
   * @param expected the main input's sampled counts (for the enrichment), or null
   * @param truth the join's pairs, or null when no join runs
   */
  JoinCheck(String bootstrapServers, Expected expected, JoinTruth truth) {
    this.bootstrapServers = bootstrapServers;
    this.expected = expected;
    this.truth = truth;
  }

  /**
   * @param w the workload run
   * @param round its round
   * @param spec its spec
   * @return the check's line, "ok   ..." or "FAIL ..."
   */
  String verify(Workload w, int round, WorkerSpec spec) {
    String name = w.label() + " round " + round;
    Read out = read(spec.output(), w.kind() == Kind.ENRICH);
    List<String> problems = new ArrayList<>();
    String summary;
    if (w.kind() == Kind.ENRICH) {
      long inputs = spec.expectedRecords();
      if (out.records != inputs) {
        problems.add(out.records + " outputs, expected " + inputs + " (one per input record)");
      }
      if (out.wrongAttributes > 0) {
        problems.add(out.wrongAttributes + " outputs carry another key's attribute");
      }
      int differ = 0;
      for (Map.Entry<Long, Long> e : expected.totals().entrySet()) {
        if (!e.getValue().equals(out.sampled.getOrDefault(e.getKey(), 0L)) && differ++ < 3) {
          problems.add("key " + e.getKey() + ": " + out.sampled.getOrDefault(e.getKey(), 0L) + " outputs, expected "
              + e.getValue());
        }
      }
      String compared;
      if (referenceDigest == null && problems.isEmpty()) {
        referenceDigest = out.digest;
        referenceName = name;
        compared = "the reference the other enrichment runs are compared with";
      } else if (referenceDigest == null) {
        compared = "no reference yet";
      } else {
        if (out.digest != referenceDigest) {
          problems.add("its outputs differ from " + referenceName + "'s (digest)");
        }
        compared = "the same outputs as " + referenceName;
      }
      summary = String.format(Locale.ROOT, "%,d enriched records, each with its key's attribute, %d sampled keys'"
          + " counts equal the loader's; %s", out.records, expected.totals().size(), compared);
    } else {
      if (out.records != truth.pairs()) {
        problems.add(out.records + " pairs, expected " + truth.pairs());
      }
      if (out.digest != truth.digest()) {
        problems.add("the pairs differ from the expected ones (digest)");
      }
      summary = String.format(Locale.ROOT, "%,d pairs, exactly the pairs within the window the loader computed",
          out.records);
    }
    return problems.isEmpty() ? "ok   " + name + ": " + summary : "FAIL " + name + ": " + String.join("; ", problems);
  }

  private record Read(long records, long digest, long wrongAttributes, Map<Long, Long> sampled) {
  }

  private Read read(String topic, boolean enrich) {
    long records = 0;
    long digest = 0;
    long wrong = 0;
    Map<Long, Long> sampled = new HashMap<>();
    Properties p = HarnessClients.consumer(bootstrapServers);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          long key = Payloads.keyId(r.key());
          records++;
          digest += JoinPayloads.digest(key, r.value());
          if (enrich) {
            if (expected.totals().containsKey(key)) {
              sampled.merge(key, 1L, Long::sum);
            }
            if (JoinPayloads.enrichedAttribute(r.value()) != JoinPayloads.attribute(key)) {
              wrong++;
            }
          }
        }
      }
    }
    return new Read(records, digest, wrong, sampled);
  }
}
