package io.strand.container.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.context.TaskName;
import io.strand.system.Partition;
import io.strand.system.SystemStreamPartition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The locator's arithmetic against Kafka's own partitioner, and its mapping through a job model. */
class StoreLocatorTest {

  private static TaskModel task(int p) {
    return new TaskModel(new TaskName("Partition " + p), List.of(new SystemStreamPartition("kafka", "in", p)),
        new Partition(p));
  }

  /** Four tasks, 0 and 2 in container 0, 1 and 3 in container 1 (as the planner deals them). */
  private static JobModel model() {
    return new JobModel("job", "1", "io.strand.container.grouper.GroupByPartitionFactory", List.of(
        new ContainerModel("0", List.of(task(0), task(2))), new ContainerModel("1", List.of(task(1), task(3)))));
  }

  @Test
  void aKeysPartitionIsWhatKafkasProducerPicksForIt() {
    for (int partitions : new int[] {1, 2, 3, 4, 7, 16, 100}) {
      for (int i = 0; i < 2_000; i++) {
        byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
        assertEquals(BuiltInPartitioner.partitionForKey(key, partitions), StoreLocator.partition(key, partitions),
            "key-" + i + " over " + partitions);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> StoreLocator.partition(new byte[1], 0));
  }

  @Test
  void aKeyIsLocatedAtTheTaskOfItsChangelogPartitionAndThatTasksContainer() {
    QueryEndpoint zero = new QueryEndpoint("0", "h0", 1000);
    StoreLocator locator = new StoreLocator(model(), Map.of("0", zero));
    assertEquals(4, locator.partitions());
    int seen = 0;
    for (int i = 0; i < 200; i++) {
      byte[] key = ("w" + i).getBytes(StandardCharsets.UTF_8);
      KeyLocation at = locator.locate(key);
      int p = BuiltInPartitioner.partitionForKey(key, 4);
      assertEquals(p, at.partition());
      assertEquals(new TaskName("Partition " + p), at.task());
      assertEquals(p % 2 == 0 ? "0" : "1", at.containerId());
      assertEquals(p % 2 == 0 ? Optional.of(zero) : Optional.empty(), at.endpoint(), "container 1 published none");
      seen |= 1 << p;
    }
    assertEquals(0b1111, seen, "200 keys reach every partition");
  }

  @Test
  void aModelWithoutTasksOrWithASharedChangelogPartitionCannotLocate() {
    assertThrows(IllegalArgumentException.class, () -> new StoreLocator(new JobModel("job", "1", "g",
        List.of(new ContainerModel("0", List.of()))), Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StoreLocator(
        new JobModel("job", "1", "g", List.of(new ContainerModel("0", List.of(task(0))),
            new ContainerModel("1", List.of(new TaskModel(new TaskName("other"), List.of(), new Partition(0)))))),
        Map.of()));
    assertTrue(e.getMessage().contains("share changelog partition 0"), e.getMessage());
  }

  @Test
  void anEndpointsUrlBracketsAnIpv6Address() {
    assertEquals("http://h1:8080/", new QueryEndpoint("0", "h1", 8080).url().toString());
    assertEquals("http://[::1]:8080/", new QueryEndpoint("0", "::1", 8080).url().toString());
    assertThrows(IllegalArgumentException.class, () -> new QueryEndpoint("0", "h", 0));
  }

  @Test
  void endpointRecordsAreReadBackAndOtherRecordsIgnored() {
    Map<String, QueryEndpoint> read = QueryEndpoints.fromRecords(Map.of(
        "query-endpoint:1", "{\"version\":1,\"containerId\":\"1\",\"host\":\"h1\",\"port\":4321,\"updatedMs\":1}",
        "container-host:1", "{\"version\":1,\"containerId\":\"1\",\"host\":\"h1\"}",
        "job-model", "{}"));
    assertEquals(Map.of("1", new QueryEndpoint("1", "h1", 4321)), read);
    assertThrows(IllegalArgumentException.class, () -> QueryEndpoints.fromRecords(Map.of("query-endpoint:1",
        "{\"version\":9}")));
  }
}
