package io.strand.nexmark.flink;

import io.strand.nexmark.engine.EngineSettings;
import io.strand.nexmark.engine.NexmarkEngine;
import io.strand.nexmark.query.Query;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nexmark's {@code flink} engine: one Flink job per run on a local MiniCluster inside the worker
 * JVM ({@link StreamExecutionEnvironment#createLocalEnvironment(int, Configuration)}: one task
 * manager with {@code parallelism} slots), Kafka source and sink from Flink's Kafka connector
 * ({@link KafkaConnections}), the queries of {@link FlinkQueries}.
 *
 * <p>The job runs with the default heap state backend and no checkpoints (nothing is restored in
 * a benchmark run); object reuse is on (every record type is immutable). Temporary files go to
 * the run's work directory. {@link #start} returns once the job is submitted; closing the handle
 * cancels the job, which also stops its MiniCluster.
 */
public final class FlinkEngine implements NexmarkEngine {

  /** The engine's name. */
  public static final String NAME = "flink";

  private static final Logger LOG = LoggerFactory.getLogger(FlinkEngine.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Running start(Query query, EngineSettings settings) throws Exception {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.TMP_DIRS, settings.workDir().toAbsolutePath().toString());
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), conf);
    KafkaConnections kafka = new KafkaConnections(env, settings.bootstrapServers(), settings.runId());
    FlinkQueries.build(query, kafka).sinkTo(kafka.sink(query.outputTopic(NAME))).name("sink");
    JobClient job = env.executeAsync("nexmark-" + query.id() + "-" + settings.runId());
    LOG.info("Flink job {} of Nexmark {} running, parallelism {}", job.getJobID(), query.id(), settings.parallelism());
    return () -> stop(job);
  }

  private static void stop(JobClient job) throws Exception {
    job.cancel().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      job.getJobExecutionResult().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException expected) {
      // A cancelled job ends with a cancellation failure: that is the stop we asked for.
    }
    LOG.info("Flink job {} stopped", job.getJobID());
  }
}
