package io.strand.config.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobAndTaskConfigTest {

  private static final Config MINIMAL = Config.of(Map.of(
      "job.name", "orders", "task.class", "a.B", "task.inputs", "kafka.orders"));

  @Test
  void jobDefaultsAreSamzas() {
    JobConfig job = new JobConfig(MINIMAL);
    assertEquals("orders", job.getName());
    assertEquals("1", job.getId());
    assertEquals(1, job.getContainerCount());
    assertEquals(0, job.getContainerThreadPoolSize());
    assertFalse(job.getFactoryClass().isPresent());
    assertFalse(job.getGrouperFactory().isPresent());
    assertFalse(job.getLoggedStoreBaseDir().isPresent());
  }

  @Test
  void jobNameMustBeUsableInTopicNames() {
    JobConfig job = new JobConfig(Config.of(Map.of("job.name", "my job/1")));
    ConfigException e = assertThrows(ConfigException.class, job::getName);
    assertEquals(JobConfig.JOB_NAME, e.problems().get(0).key());
  }

  @Test
  void jobValuesAreRead() {
    JobConfig job = new JobConfig(Config.of(Map.of("job.name", "n", "job.id", "2", "job.container.count", "3",
        "job.container.thread.pool.size", "4", "job.logged.store.base.dir", "/var/strand")));
    assertEquals("2", job.getId());
    assertEquals(3, job.getContainerCount());
    assertEquals(4, job.getContainerThreadPoolSize());
    assertEquals("/var/strand", job.getLoggedStoreBaseDir().orElseThrow());
  }

  @Test
  void taskDefaultsAreSamzas() {
    TaskConfig task = new TaskConfig(MINIMAL);
    assertEquals(-1, task.getWindowMs());
    assertEquals(60_000, task.getCommitMs());
    assertEquals(1, task.getMaxConcurrency());
    assertEquals(30_000, task.getShutdownMs());
    assertFalse(task.isDropDeserializationErrors());
    assertFalse(task.isDropSerializationErrors());
    assertEquals(DeliveryGuarantee.AT_LEAST_ONCE, task.getDeliveryGuarantee());
    assertEquals(List.of(), task.getBroadcastInputs());
    assertFalse(task.getOpts().isPresent());
  }

  @Test
  void taskValuesAreRead() {
    TaskConfig task = new TaskConfig(Config.of(Map.of(
        "task.class", "a.B",
        "task.inputs", "kafka.orders, kafka.metrics.v2",
        "task.broadcast.inputs", "kafka.rules#0,kafka.limits#[1-3]",
        "task.window.ms", "10s",
        "task.commit.ms", "PT5S",
        "task.max.concurrency", "4",
        "task.delivery.guarantee", "Exactly-Once")));
    assertEquals("a.B", task.getTaskClass());
    assertEquals(List.of(new StreamName("kafka", "orders"), new StreamName("kafka", "metrics.v2")), task.getInputs());
    assertEquals(List.of(new BroadcastInput(new StreamName("kafka", "rules"), 0, 0),
        new BroadcastInput(new StreamName("kafka", "limits"), 1, 3)), task.getBroadcastInputs());
    assertEquals(10_000, task.getWindowMs());
    assertEquals(5_000, task.getCommitMs());
    assertEquals(4, task.getMaxConcurrency());
    assertEquals(DeliveryGuarantee.EXACTLY_ONCE, task.getDeliveryGuarantee());
  }

  @Test
  void missingInputsAreRequired() {
    ConfigException e = assertThrows(ConfigException.class, () -> new TaskConfig(Config.of(Map.of())).getInputs());
    assertEquals(TaskConfig.TASK_INPUTS, e.problems().get(0).key());
  }

  @Test
  void commitIntervalMustBePositive() {
    TaskConfig task = new TaskConfig(Config.of(Map.of("task.commit.ms", "0")));
    ConfigException e = assertThrows(ConfigException.class, task::getCommitMs);
    assertTrue(e.getMessage().contains("at least 1 ms"), e::getMessage);
  }
}
