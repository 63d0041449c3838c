package io.strand.streams.internal.plan;

import io.strand.config.Config;
import io.strand.config.application.ApplicationKind;
import io.strand.config.application.DescribedApplication;
import io.strand.config.view.JobConfig;
import io.strand.streams.StreamApplication;
import io.strand.streams.internal.graph.GraphBuilder;
import io.strand.streams.internal.runtime.ControlFrames;
import io.strand.streams.internal.runtime.GraphTask;
import io.strand.streams.internal.runtime.TopicSizes;
import io.strand.task.StreamTaskFactory;
import io.strand.task.TaskFactory;

/**
 * The {@link ApplicationKind} of {@link StreamApplication}s (found by the config loader through
 * {@code META-INF/services}): runs {@code describe} on a fresh graph, turns the graph into keys
 * ({@link GraphConfig}) and gives the container a factory of {@link GraphTask}s running that graph.
 *
 * <p>Threading: stateless.
 */
public final class StreamApplicationKind implements ApplicationKind {

  /** Creates the kind; the loader does. */
  public StreamApplicationKind() {
  }

  @Override
  public boolean accepts(Class<?> applicationClass) {
    return StreamApplication.class.isAssignableFrom(applicationClass);
  }

  @Override
  public String interfaceName() {
    return StreamApplication.class.getName();
  }

  @Override
  public DescribedApplication describe(Object application, Config config) {
    String system = config.get("job.default.system").filter(s -> !s.isBlank()).orElse("kafka");
    String jobName = config.get(JobConfig.JOB_NAME).filter(s -> !s.isBlank()).orElseThrow(() -> config.problem(
        JobConfig.JOB_NAME, "a streams application needs job.name: it names the intermediate topics"
        + " and changelogs"));
    String jobId = config.get(JobConfig.JOB_ID).filter(s -> !s.isBlank()).orElse("1");
    GraphBuilder graph = new GraphBuilder(config, system, jobName + "-" + jobId + "-");
    ((StreamApplication) application).describe(graph);
    if (graph.sources().isEmpty()) {
      throw config.problem("app.class", application.getClass().getName() + ".describe read no stream;"
          + " call graph.stream(\"topic\") at least once");
    }
    TopicSizes sizes = new TopicSizes(config);
    GraphConfig keys = GraphConfig.of(graph, sizes);
    ControlFrames frames = new ControlFrames();
    TaskFactory<?> factory = (StreamTaskFactory) () -> new GraphTask(graph, sizes, frames);
    return new DescribedApplication() {
      @Override
      public java.util.Map<String, String> config() {
        return keys.keys();
      }

      @Override
      public TaskFactory<?> taskFactory() {
        return factory;
      }

      @Override
      public java.util.Optional<io.strand.serializers.Serde<?>> serde(String name) {
        return java.util.Optional.ofNullable(keys.serdes().get(name));
      }
    };
  }
}
