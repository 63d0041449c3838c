package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.testkit.kafka.KafkaCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks of an exactly-once run of the counting job with {@code test.output.stream}: the output,
 * read {@code read_committed}, holds exactly one record per input record, and each key's records
 * are its running count 1, 2, 3, ... in order (a duplicate shows as a repeated count, a loss as a
 * gap).
 */
final class ExactlyOnceOutputs {

  private ExactlyOnceOutputs() {}

  /**
   * Asserts the output is exactly once.
   *
   * @param kafka the broker
   * @param output the output topic
   * @param job the job run, whose input gives the expected final counts
   */
  static void assertExactlyOnce(KafkaCluster kafka, String output, CountingJob job) {
    // The task's end-of-input records (key end:<task>) are checked by the tests that look for them.
    List<ConsumerRecord<String, String>> records = kafka.client().readAll(output).stream()
        .filter(r -> !r.key().startsWith("end:")).toList();
    Map<String, Long> last = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      long count = Long.parseLong(r.value());
      long previous = last.getOrDefault(r.key(), 0L);
      if (count != previous + 1 && problems.size() < 10) {
        problems.add("key " + r.key() + ": count " + count + " after " + previous + " (partition " + r.partition()
            + ", offset " + r.offset() + ")");
      }
      last.put(r.key(), count);
    }
    assertEquals(List.of(), problems, "each key's outputs are 1, 2, 3, ... with no repeat and no gap");
    assertEquals(job.messages(), records.size(), "one output record per input record");
    Map<String, String> finals = new java.util.TreeMap<>();
    last.forEach((k, v) -> finals.put(k, String.valueOf(v)));
    assertEquals(job.expectedCounts(), finals, "the last output of each key is its true count");
  }
}
