package io.strand.container.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupersTest {

  private static final SystemStreamPartition FLIGHTS_0 = new SystemStreamPartition("kafka", "flights", 0);
  private static final SystemStreamPartition FLIGHTS_1 = new SystemStreamPartition("kafka", "flights", 1);
  private static final SystemStreamPartition FLIGHTS_2 = new SystemStreamPartition("kafka", "flights", 2);
  private static final SystemStreamPartition WEATHER_0 = new SystemStreamPartition("kafka", "weather", 0);
  private static final SystemStreamPartition WEATHER_1 = new SystemStreamPartition("kafka", "weather", 1);

  @Test
  void groupByPartitionPutsPartitionNOfEveryInputInTaskPartitionN() {
    Map<TaskName, Set<SystemStreamPartition>> tasks =
        new GroupByPartition().group(Set.of(FLIGHTS_0, FLIGHTS_1, FLIGHTS_2, WEATHER_0, WEATHER_1));

    assertEquals(Map.of(
        new TaskName("Partition 0"), Set.of(FLIGHTS_0, WEATHER_0),
        new TaskName("Partition 1"), Set.of(FLIGHTS_1, WEATHER_1),
        new TaskName("Partition 2"), Set.of(FLIGHTS_2)), tasks);
  }

  @Test
  void groupBySystemStreamPartitionMakesOneTaskPerPartitionWithSamzasNames() {
    Map<TaskName, Set<SystemStreamPartition>> tasks =
        new GroupBySystemStreamPartition().group(Set.of(FLIGHTS_0, WEATHER_1));

    assertEquals(Map.of(
        new TaskName("SystemStreamPartition [kafka, flights, 0]"), Set.of(FLIGHTS_0),
        new TaskName("SystemStreamPartition [kafka, weather, 1]"), Set.of(WEATHER_1)), tasks);
  }

  @Test
  void factoriesMakeTheirGroupers() {
    assertEquals(GroupByPartition.class,
        new GroupByPartitionFactory().getGrouper(io.strand.config.Config.of(Map.of())).getClass());
    assertEquals(GroupBySystemStreamPartition.class,
        new GroupBySystemStreamPartitionFactory().getGrouper(io.strand.config.Config.of(Map.of())).getClass());
  }
}
