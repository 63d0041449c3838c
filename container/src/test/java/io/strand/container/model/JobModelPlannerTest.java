package io.strand.container.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.Partition;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.container.TaskName;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.grouper.GroupBySystemStreamPartitionFactory;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JobModelPlannerTest {

  private static final SystemStream FLIGHTS = new SystemStream("kafka", "flights");
  private static final SystemStream WEATHER = new SystemStream("kafka", "weather");
  private static final SystemStream RULES = new SystemStream("kafka", "rules");
  private static final Map<SystemStream, Integer> COUNTS = Map.of(FLIGHTS, 8, WEATHER, 4, RULES, 4);

  private static Config config(String... extra) {
    Map<String, String> entries = new HashMap<>(Map.of(
        "job.name", "flights", "task.class", "x.Task", "task.inputs", "kafka.flights,kafka.weather",
        "systems.kafka.producer.bootstrap.servers", "localhost:9092"));
    for (int i = 0; i < extra.length; i += 2) {
      entries.put(extra[i], extra[i + 1]);
    }
    return Config.of(entries);
  }

  private static TaskModel task(JobModel model, String name) {
    return model.containers().stream().flatMap(c -> c.tasks().stream())
        .filter(t -> t.taskName().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void groupsByPartitionByDefaultWithPartitionNumbersAsChangelogPartitions() {
    JobModel model = JobModelPlanner.plan(config(), COUNTS, Optional.empty());

    assertEquals("flights", model.jobName());
    assertEquals("1", model.jobId());
    assertEquals(GroupByPartitionFactory.class.getName(), model.grouperFactory());
    assertEquals(8, model.taskCount());
    assertEquals(1, model.containers().size());
    assertEquals(List.of(new SystemStreamPartition(FLIGHTS, new Partition(2)), new SystemStreamPartition(WEATHER, new Partition(2))),
        task(model, "Partition 2").inputs());
    assertEquals(List.of(new SystemStreamPartition(FLIGHTS, new Partition(6))), task(model, "Partition 6").inputs());
    for (int p = 0; p < 8; p++) {
      assertEquals(new Partition(p), task(model, "Partition " + p).changelogPartition());
    }
  }

  @Test
  void groupBySystemStreamPartitionNumbersChangelogsBySortedTaskName() {
    JobModel model = JobModelPlanner.plan(config("job.systemstreampartition.grouper.factory",
        GroupBySystemStreamPartitionFactory.class.getName()), COUNTS, Optional.empty());

    assertEquals(12, model.taskCount());
    List<TaskModel> sorted = model.containers().stream().flatMap(c -> c.tasks().stream())
        .sorted(java.util.Comparator.comparing(TaskModel::taskName)).toList();
    for (int i = 0; i < sorted.size(); i++) {
      assertEquals(new Partition(i), sorted.get(i).changelogPartition());
    }
    assertEquals(List.of(new SystemStreamPartition(WEATHER, new Partition(3))),
        task(model, "SystemStreamPartition [kafka, weather, 3]").inputs());
  }

  @Test
  void broadcastInputsOfBothFormsReachEveryTaskAndAreNotGrouped() {
    JobModel model = JobModelPlanner.plan(config(
        "task.inputs", "kafka.flights,kafka.rules",
        "task.broadcast.inputs", "kafka.rules#[0-2], kafka.weather#3"), COUNTS, Optional.empty());

    Set<SystemStreamPartition> broadcast = Set.of(
        new SystemStreamPartition(RULES, new Partition(0)), new SystemStreamPartition(RULES, new Partition(1)),
        new SystemStreamPartition(RULES, new Partition(2)), new SystemStreamPartition(WEATHER, new Partition(3)));
    // rules#3 is an ordinary input (not broadcast), so it is grouped into Partition 3 alone.
    assertEquals(8, model.taskCount());
    for (ContainerModel c : model.containers()) {
      for (TaskModel t : c.tasks()) {
        assertTrue(t.inputs().containsAll(broadcast), t.taskName() + " has every broadcast partition: " + t.inputs());
      }
    }
    assertEquals(new TreeSet<>(List.of(new SystemStreamPartition(FLIGHTS, new Partition(3)),
            new SystemStreamPartition(RULES, new Partition(3)))),
        new TreeSet<>(task(model, "Partition 3").inputs().stream().filter(s -> !broadcast.contains(s)).toList()));
    assertEquals(List.of(new SystemStreamPartition(FLIGHTS, new Partition(0))),
        task(model, "Partition 0").inputs().stream().filter(s -> !broadcast.contains(s)).toList());
  }

  @Test
  void broadcastPartitionBeyondTheStreamIsAConfigProblem() {
    ConfigException e = assertThrows(ConfigException.class, () -> JobModelPlanner.plan(
        config("task.broadcast.inputs", "kafka.rules#[2-5]"), COUNTS, Optional.empty()));

    assertTrue(e.getMessage().contains("task.broadcast.inputs"), e.getMessage());
    assertTrue(e.getMessage().contains("kafka.rules has 4 partition(s)"), e.getMessage());
  }

  @Test
  void tasksAreSpreadEvenlyOverContainers() {
    JobModel model = JobModelPlanner.plan(config("job.container.count", "3"), COUNTS, Optional.empty());

    assertEquals(List.of("0", "1", "2"), model.containers().stream().map(ContainerModel::id).toList());
    assertEquals(List.of(3, 3, 2), model.containers().stream().map(c -> c.tasks().size()).toList());
  }

  @Test
  void sameInputsGiveTheSameModel() {
    Config config = config("job.container.count", "3", "task.broadcast.inputs", "kafka.rules#0");
    JobModel first = JobModelPlanner.plan(config, COUNTS, Optional.empty());

    assertEquals(first, JobModelPlanner.plan(config, new HashMap<>(COUNTS), Optional.empty()));
    assertEquals(first, JobModelPlanner.plan(config, COUNTS, Optional.of(first)));
  }

  @Test
  void aNewContainerCountKeepsTasksWhereTheyWere() {
    JobModel two = JobModelPlanner.plan(config("job.container.count", "2"), COUNTS, Optional.empty());
    JobModel four = JobModelPlanner.plan(config("job.container.count", "4"), COUNTS, Optional.of(two));

    assertEquals(List.of(2, 2, 2, 2), four.containers().stream().map(c -> c.tasks().size()).toList());
    for (String id : List.of("0", "1")) {
      List<TaskName> before = two.container(id).orElseThrow().tasks().stream().map(TaskModel::taskName).toList();
      List<TaskName> after = four.container(id).orElseThrow().tasks().stream().map(TaskModel::taskName).toList();
      assertTrue(before.containsAll(after), "container " + id + " keeps only tasks it had: " + before + " -> " + after);
    }
  }

  @Test
  void aPreviousModelOfAnotherGrouperIsIgnored() {
    JobModel bySsp = JobModelPlanner.plan(config("job.container.count", "2", "job.systemstreampartition.grouper.factory",
        GroupBySystemStreamPartitionFactory.class.getName()), COUNTS, Optional.empty());

    assertEquals(JobModelPlanner.plan(config("job.container.count", "2"), COUNTS, Optional.empty()),
        JobModelPlanner.plan(config("job.container.count", "2"), COUNTS, Optional.of(bySsp)));
  }

  @Test
  void moreContainersThanTasksIsAConfigProblem() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> JobModelPlanner.plan(config("job.container.count", "9"), COUNTS, Optional.empty()));

    assertTrue(e.getMessage().contains("job.container.count"), e.getMessage());
  }

  @Test
  void aGrouperFactoryOfTheWrongTypeIsAConfigProblem() {
    ConfigException e = assertThrows(ConfigException.class, () -> JobModelPlanner.plan(
        config("job.systemstreampartition.grouper.factory", "java.lang.String"), COUNTS, Optional.empty()));

    assertTrue(e.getMessage().contains("job.systemstreampartition.grouper.factory"), e.getMessage());
  }
}
