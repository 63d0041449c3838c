package io.strand.nexmark.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.query.results.CategoryAverage;
import io.strand.nexmark.query.results.HotItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class NexmarkResultsTest {

  private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
    return new ConsumerRecord<>("t", 0, 0, key.getBytes(StandardCharsets.UTF_8), value);
  }

  @Test
  void streamResultsAreMultisetsOfNormalizedValues() {
    byte[] reordered = "{\"num\":3,\"auction\":1000,\"windowEnd\":10000,\"windowStart\":0}".getBytes(StandardCharsets.UTF_8);
    NexmarkResults.Results a = NexmarkResults.normalize(Query.Q5, "a", List.of(
        record("1000", NexmarkJson.write(new HotItem(1000, 3, 0, 10_000))), record("1000", reordered)));
    NexmarkResults.Results b = NexmarkResults.normalize(Query.Q5, "b", List.of(
        record("1000", NexmarkJson.write(new HotItem(1000, 3, 0, 10_000)))));
    assertEquals(2, a.size());
    List<String> diffs = NexmarkResults.differences(a, b, 10);
    assertEquals(1, diffs.size());
    assertTrue(diffs.get(0).endsWith(": 2 in a, 1 in b"), diffs.get(0));
  }

  @Test
  void tableResultsKeepTheLastValuePerKey() {
    NexmarkResults.Results updates = NexmarkResults.normalize(Query.Q4, "a", List.of(
        record("10", NexmarkJson.write(CategoryAverage.of(10, 1, 500))),
        record("11", NexmarkJson.write(CategoryAverage.of(11, 1, 7))),
        record("10", NexmarkJson.write(CategoryAverage.of(10, 2, 900))),
        record("11", null)));
    NexmarkResults.Results once = NexmarkResults.normalize(Query.Q4, "b", List.of(
        record("10", NexmarkJson.write(CategoryAverage.of(10, 2, 900)))));
    assertEquals(List.of(), NexmarkResults.differences(updates, once, 10));
    assertEquals(0, NexmarkResults.differenceCount(updates, once));
  }

  @Test
  void outputTopicsNameQueryAndEngine() {
    assertEquals("nexmark-q11-kstreams", Query.Q11.outputTopic("kstreams"));
    assertEquals(Query.Q7, Query.of("q7"));
    assertEquals(908, NexmarkSemantics.toEuros(1000));
    assertEquals(1, NexmarkSemantics.toEuros(1));
  }
}
