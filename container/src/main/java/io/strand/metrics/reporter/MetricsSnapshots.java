package io.strand.metrics.reporter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.strand.container.metrics.MeterNames;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The metrics snapshot format of {@link MetricsSnapshotReporterFactory}, Samza's: one JSON object per
 * source and report,
 * <pre>{@code
 * {"header": {"job-name": "flights", "job-id": "1", "container-name": "0", "exec-env-container-id": "",
 *             "source": "TaskName-Partition 0", "version": "0.1.0", "host": "node-3",
 *             "time": 1700000060000, "reset-time": 1700000000000},
 *  "metrics": {"strand.task": {"messages.processed": 1200, "commit": 4.5, "lag{partition=kafka.in#0}": 17},
 *              "com.example.MyTask": {"messages": 1200}}}
 * }</pre>
 * The sources are the container ({@value #CONTAINER_SOURCE}: meters without a {@code task} tag) and
 * each task ({@value #TASK_SOURCE_PREFIX}{@code <task name>}), as Samza's. {@code time} is when the
 * snapshot was taken and {@code reset-time} when the container's reporter started, both epoch ms;
 * {@code version} is Strand's version.
 *
 * <p>In {@code metrics}, a job's own meter ({@code strand.user.<name>}, {@link io.strand.metrics}) is
 * under its group and name as the job registered them; a built-in meter {@code strand.<a>.<rest>}
 * under group {@code strand.<a>} and name {@code <rest>}. Tags other than job, container, task and
 * group are appended to the name as {@code {key=value,...}}. Values: a counter's count; a gauge's
 * value (null when it has none); a timer's mean duration since start in ms (as Samza reports a
 * timer's average); a distribution summary's mean. Whole numbers are written without a fraction.
 *
 * <p>Threading: stateless.
 */
public final class MetricsSnapshots {

  /** The source of the container's own meters. */
  public static final String CONTAINER_SOURCE = "StrandContainerMetrics";
  /** The prefix of a task's source; the task name follows. */
  public static final String TASK_SOURCE_PREFIX = "TaskName-";

  private static final Set<String> OWNER_TAGS = Set.of(MeterNames.TAG_JOB, MeterNames.TAG_CONTAINER,
      MeterNames.TAG_TASK, MeterNames.TAG_GROUP);

  private MetricsSnapshots() {}

  /**
   * Where one meter goes in a snapshot, and its value.
   *
   * @param source the source, {@value #CONTAINER_SOURCE} or {@value #TASK_SOURCE_PREFIX}{@code <task>}
   * @param group the group in {@code metrics}
   * @param name the name in the group
   * @param value the value: a {@link Long}, a {@link Double}, or null
   */
  record Entry(String source, String group, String name, Object value) {}

  /**
   * Reads one meter.
   *
   * @param meter the meter
   * @return its entry
   */
  static Entry entry(Meter meter) {
    Meter.Id id = meter.getId();
    String task = id.getTag(MeterNames.TAG_TASK);
    String source = task == null ? CONTAINER_SOURCE : TASK_SOURCE_PREFIX + task;
    String full = id.getName();
    String group;
    String name;
    String userGroup = id.getTag(MeterNames.TAG_GROUP);
    if (full.startsWith(MeterNames.USER_PREFIX) && userGroup != null) {
      group = userGroup;
      name = full.substring(MeterNames.USER_PREFIX.length());
    } else {
      int first = full.indexOf('.');
      int second = first < 0 ? -1 : full.indexOf('.', first + 1);
      int split = second > 0 && second < full.length() - 1 ? second : first > 0 && first < full.length() - 1 ? first : -1;
      group = split < 0 ? full : full.substring(0, split);
      name = split < 0 ? full : full.substring(split + 1);
    }
    StringBuilder extra = new StringBuilder();
    for (Tag tag : id.getTagsAsIterable()) {
      if (!OWNER_TAGS.contains(tag.getKey())) {
        extra.append(extra.length() == 0 ? "{" : ",").append(tag.getKey()).append('=').append(tag.getValue());
      }
    }
    if (extra.length() > 0) {
      name = name + extra.append('}');
    }
    return new Entry(source, group, name, value(meter));
  }

  /**
   * Whether a blacklist leaves an entry out of the snapshots, as Samza's {@code shouldIgnore}: the
   * regex must match {@code <group>.<name>} as a whole ({@link java.util.regex.Matcher#matches()}),
   * with the name as written in the snapshot, extra tags included
   * ({@code strand.task.lag{partition=kafka.orders#0}}). A source, or a group, whose every meter is
   * left out is not written at all.
   *
   * @param blacklist the compiled {@code metrics.reporter.<name>.blacklist}
   * @param entry the entry
   * @return true if the entry is not to be sent
   */
  static boolean blacklisted(Pattern blacklist, Entry entry) {
    return blacklist.matcher(entry.group() + "." + entry.name()).matches();
  }

  /**
   * Groups entries into the {@code metrics} body of each source.
   *
   * @param entries the entries
   * @return source, then group, then name, to value; sorted
   */
  static Map<String, Map<String, Map<String, Object>>> bodies(Collection<Entry> entries) {
    Map<String, Map<String, Map<String, Object>>> bodies = new TreeMap<>();
    for (Entry e : entries) {
      bodies.computeIfAbsent(e.source(), s -> new TreeMap<>()).computeIfAbsent(e.group(), g -> new TreeMap<>())
          .put(e.name(), e.value());
    }
    return bodies;
  }

  /**
   * One snapshot: header and body.
   *
   * @param context the container
   * @param source the source
   * @param version Strand's version
   * @param timeMs when the snapshot was taken, epoch ms
   * @param resetTimeMs when the reporter started, epoch ms
   * @param body the source's meters, group, then name, to value
   * @return {@code {"header": {...}, "metrics": body}}, in Samza's key order
   */
  static Map<String, Object> snapshot(ReporterContext context, String source, String version, long timeMs,
      long resetTimeMs, Map<String, Map<String, Object>> body) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("job-name", context.job().name());
    header.put("job-id", context.job().id());
    header.put("container-name", context.containerId());
    header.put("exec-env-container-id", context.execEnvContainerId());
    header.put("source", source);
    header.put("version", version);
    header.put("host", context.host());
    header.put("time", timeMs);
    header.put("reset-time", resetTimeMs);
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("header", header);
    snapshot.put("metrics", body);
    return snapshot;
  }

  private static Object value(Meter meter) {
    if (meter instanceof Counter c) {
      return number(c.count());
    } else if (meter instanceof FunctionCounter c) {
      return number(c.count());
    } else if (meter instanceof TimeGauge g) {
      return number(g.value(TimeUnit.MILLISECONDS));
    } else if (meter instanceof Gauge g) {
      return number(g.value());
    } else if (meter instanceof Timer t) {
      return number(t.mean(TimeUnit.MILLISECONDS));
    } else if (meter instanceof FunctionTimer t) {
      return number(t.mean(TimeUnit.MILLISECONDS));
    } else if (meter instanceof DistributionSummary s) {
      return number(s.mean());
    } else if (meter instanceof LongTaskTimer t) {
      return number(t.duration(TimeUnit.MILLISECONDS));
    }
    Iterator<Measurement> measurements = meter.measure().iterator();
    return measurements.hasNext() ? number(measurements.next().getValue()) : null;
  }

  // JSON has no NaN or infinity; a whole number is written without ".0", as Samza's long counters are.
  private static Object number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return null;
    }
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return (long) d;
    }
    return d;
  }
}
