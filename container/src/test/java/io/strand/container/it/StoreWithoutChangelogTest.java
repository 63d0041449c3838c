package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testjobs.CountingTask;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A store without a changelog is opened empty at start, used by the task, and needs no topic. */
@RealKafka
class StoreWithoutChangelogTest {

  @TempDir
  Path workDir;

  @ParameterizedTest
  @ValueSource(strings = {"io.strand.kv.RocksDbStoreFactory", "io.strand.kv.InMemoryStoreFactory"})
  void aJobWithAStoreWithoutChangelogRunsToTheEnd(String factory, KafkaCluster kafka) throws Exception {
    CountingJob job = new CountingJob(kafka, "no-changelog", 2, workDir)
        .without("stores.counts.changelog")
        .with("stores.counts.factory", factory);
    job.produce(List.of("a", "b", "a", CountingTask.DELETE + "a", "c"));
    Config config = job.config(ThreadJobFactory.class.getName());

    StreamJob streamJob = new ThreadJobFactory().getJob(config);
    streamJob.submit();

    assertEquals(JobStatus.SUCCEEDED, streamJob.waitForFinish(60_000));
    assertEquals(2, CountingTask.INITS.get(job.jobName).get(), "both tasks got their store at init");
    try (Admin admin = kafka.client().admin()) {
      assertFalse(admin.listTopics().names().get().contains(job.changelog), "no changelog topic was made");
    }
  }
}
