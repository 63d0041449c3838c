package io.strand.container.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strand.changelog.restore.RestoreProgress;
import io.strand.container.metrics.MeterNames;
import io.strand.metrics.reporter.MetricsEndpoint;
import io.strand.container.report.ContainerReport;
import io.strand.container.report.TaskReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds a container's {@link ContainerReport} from its meter registry: lag from the
 * {@code strand.task.lag} gauges, records processed from the {@code strand.task.messages.processed}
 * counters, commits (count and total time) from the {@code strand.task.commit} timers, restore
 * progress from the changelog module's {@code strand.changelog.restore.records} counters and
 * {@code .records.total} gauges (summed over a task's stores; absent until stores exist). The time
 * of the last commit is when a report first saw the commit count grow, so it is accurate to one
 * report interval.
 *
 * <p>Threading: not thread-safe; one reporter thread owns it.
 */
public final class MeterReports {

  private final MeterRegistry registry;
  private final String containerId;
  private final String yarnContainerId;
  private final String metricsUrl;
  private final Map<String, Long> seenCommits = new HashMap<>();
  private final Map<String, Long> lastCommitMs = new HashMap<>();

  /**
   * Reads a container's meters, for a container without a metrics endpoint.
   *
   * @param registry the container's registry
   * @param containerId the logical container id
   * @param processId which process of the container reports (see {@link ContainerReport#yarnContainerId()})
   */
  public MeterReports(MeterRegistry registry, String containerId, String processId) {
    this(registry, containerId, processId, null);
  }

  /**
   * Reads a container's meters.
   *
   * @param registry the container's registry
   * @param containerId the logical container id
   * @param processId which process of the container reports (see {@link ContainerReport#yarnContainerId()})
   * @param metricsUrl the container's metrics endpoint, or null
   */
  public MeterReports(MeterRegistry registry, String containerId, String processId, String metricsUrl) {
    this.registry = registry;
    this.containerId = containerId;
    this.yarnContainerId = processId;
    this.metricsUrl = metricsUrl;
  }

  /**
   * The endpoint a report names: the first of a container's metrics endpoints.
   *
   * @param endpoints the container's endpoints ({@code metrics.reporters}), possibly none
   * @return its URL, or null when there is none
   */
  public static String firstUrl(List<MetricsEndpoint> endpoints) {
    return endpoints.stream().findFirst().map(e -> e.url().toString()).orElse(null);
  }

  /**
   * Makes a report from the meters now.
   *
   * @param nowMs the time, in epoch ms
   * @return the report
   */
  public ContainerReport build(long nowMs) {
    Map<String, Map<String, Long>> lag = new TreeMap<>();
    Map<String, Long> commits = new TreeMap<>();
    Map<String, Double> commitMs = new HashMap<>();
    Map<String, Long> processed = new HashMap<>();
    Map<String, Long> restored = new HashMap<>();
    Map<String, Long> restoreTotal = new HashMap<>();
    for (Meter meter : registry.getMeters()) {
      String task = meter.getId().getTag(MeterNames.TAG_TASK);
      if (task == null) {
        continue;
      }
      String name = meter.getId().getName();
      if (name.equals(MeterNames.TASK_LAG) && meter instanceof Gauge g) {
        String partition = meter.getId().getTag(MeterNames.TAG_PARTITION);
        double value = g.value();
        if (partition != null && !Double.isNaN(value)) {
          lag.computeIfAbsent(task, t -> new TreeMap<>()).put(partition, (long) value);
        }
      } else if (name.equals(MeterNames.TASK_COMMIT) && meter instanceof Timer t) {
        commits.put(task, t.count());
        commitMs.put(task, t.totalTime(TimeUnit.MILLISECONDS));
      } else if (name.equals(MeterNames.TASK_MESSAGES_PROCESSED) && meter instanceof Counter c) {
        processed.put(task, (long) c.count());
      } else if (name.equals(RestoreProgress.RECORDS) && meter instanceof Counter c) {
        restored.merge(task, (long) c.count(), Long::sum);
      } else if (name.equals(RestoreProgress.RECORDS_TOTAL) && meter instanceof Gauge g && !Double.isNaN(g.value())) {
        restoreTotal.merge(task, (long) g.value(), Long::sum);
      }
    }
    java.util.Set<String> tasks = new java.util.TreeSet<>(lag.keySet());
    tasks.addAll(commits.keySet());
    tasks.addAll(restored.keySet());
    tasks.addAll(processed.keySet());
    List<TaskReport> reports = new ArrayList<>();
    for (String task : tasks) {
      long count = commits.getOrDefault(task, 0L);
      Long seen = seenCommits.put(task, count);
      if (count > 0 && (seen == null || count > seen)) {
        lastCommitMs.put(task, nowMs);
      }
      reports.add(new TaskReport(task, lag.getOrDefault(task, Map.of()), count, lastCommitMs.get(task),
          restored.getOrDefault(task, 0L), restoreTotal.getOrDefault(task, 0L), processed.getOrDefault(task, 0L),
          commitMs.getOrDefault(task, 0.0)));
    }
    return new ContainerReport(ContainerReport.VERSION, containerId, yarnContainerId, nowMs, reports, metricsUrl);
  }
}
