package io.strand.yarn.container;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strand.container.metrics.MeterNames;
import io.strand.yarn.report.ContainerReport;
import io.strand.yarn.report.TaskReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a container's {@link ContainerReport} from its meter registry: lag from the
 * {@code strand.task.lag} gauges, commits from the {@code strand.task.commit} timers, restore
 * progress from the changelog module's {@code strand.changelog.restore.records} counters and
 * {@code .records.total} gauges (summed over a task's stores; absent until stores exist). The time
 * of the last commit is when a report first saw the commit count grow, so it is accurate to one
 * report interval. Each report also carries the container's Prometheus endpoint, if it has one.
 *
 * <p>Threading: not thread-safe; one reporter thread owns it.
 */
final class MeterReports {

  /** Counter of restored changelog records (the changelog module's RestoreProgress.RECORDS). */
  static final String RESTORE_RECORDS = "strand.changelog.restore.records";
  /** Gauge of changelog records to restore (the changelog module's RestoreProgress.RECORDS_TOTAL). */
  static final String RESTORE_TOTAL = "strand.changelog.restore.records.total";

  private final MeterRegistry registry;
  private final String containerId;
  private final String yarnContainerId;
  private final String metricsUrl;
  private final Map<String, Long> seenCommits = new HashMap<>();
  private final Map<String, Long> lastCommitMs = new HashMap<>();

  MeterReports(MeterRegistry registry, String containerId, String yarnContainerId, String metricsUrl) {
    this.registry = registry;
    this.containerId = containerId;
    this.yarnContainerId = yarnContainerId;
    this.metricsUrl = metricsUrl;
  }

  ContainerReport build(long nowMs) {
    Map<String, Map<String, Long>> lag = new TreeMap<>();
    Map<String, Long> commits = new TreeMap<>();
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
      } else if (name.equals(RESTORE_RECORDS) && meter instanceof Counter c) {
        restored.merge(task, (long) c.count(), Long::sum);
      } else if (name.equals(RESTORE_TOTAL) && meter instanceof Gauge g && !Double.isNaN(g.value())) {
        restoreTotal.merge(task, (long) g.value(), Long::sum);
      }
    }
    java.util.Set<String> tasks = new java.util.TreeSet<>(lag.keySet());
    tasks.addAll(commits.keySet());
    tasks.addAll(restored.keySet());
    List<TaskReport> reports = new ArrayList<>();
    for (String task : tasks) {
      long count = commits.getOrDefault(task, 0L);
      Long seen = seenCommits.put(task, count);
      if (count > 0 && (seen == null || count > seen)) {
        lastCommitMs.put(task, nowMs);
      }
      reports.add(new TaskReport(task, lag.getOrDefault(task, Map.of()), count, lastCommitMs.get(task),
          restored.getOrDefault(task, 0L), restoreTotal.getOrDefault(task, 0L)));
    }
    return new ContainerReport(ContainerReport.VERSION, containerId, yarnContainerId, nowMs, reports, metricsUrl);
  }
}
