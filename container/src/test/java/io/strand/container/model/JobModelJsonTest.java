package io.strand.container.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.grouper.GroupBySystemStreamPartitionFactory;
import io.strand.system.SystemStream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobModelJsonTest {

  private static JobModel model(String grouper) {
    Config config = Config.of(Map.of("job.name", "flights", "job.id", "7", "task.class", "x.Task",
        "task.inputs", "kafka.flights", "task.broadcast.inputs", "kafka.rules#[0-1]", "job.container.count", "2",
        "job.systemstreampartition.grouper.factory", grouper));
    return JobModelPlanner.plan(config, Map.of(new SystemStream("kafka", "flights"), 5,
        new SystemStream("kafka", "rules"), 2), Optional.empty());
  }

  @Test
  void roundTripsEveryField() {
    for (String grouper : new String[] {"io.strand.container.grouper.GroupByPartitionFactory",
        GroupBySystemStreamPartitionFactory.class.getName()}) {
      JobModel model = model(grouper);
      String json = JobModelJson.toJson(model);

      assertTrue(json.startsWith("{\"version\":1,"), json);
      assertEquals(model, JobModelJson.fromJson(json));
    }
  }

  @Test
  void refusesAnotherVersion() {
    String json = JobModelJson.toJson(model("io.strand.container.grouper.GroupByPartitionFactory"))
        .replace("\"version\":1", "\"version\":2");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobModelJson.fromJson(json));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  @Test
  void namesAMissingField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JobModelJson.fromJson("{\"version\":1,\"jobName\":\"x\"}"));
    assertTrue(e.getMessage().contains("'containers'") || e.getMessage().contains("'jobId'"), e.getMessage());
  }
}
