package io.strand.container.status;

import io.strand.container.report.ContainerReport;
import io.strand.container.report.TaskReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * A short, bounded history of the containers' reports, for the status page's charts, rates and
 * commit list. Per container it keeps the latest report and, over the last {@code windowMs}, one
 * report per {@code stepMs} at most (so at most {@code windowMs / stepMs + 1} per container, 301
 * with the defaults); it derives the commits a container made between two reports of the same
 * process (the latest {@value #MAX_COMMITS} are kept). Counts restart at 0 in a new process: a
 * report from another process than the previous one starts its rates afresh (the charts show a
 * gap, never a negative rate).
 *
 * <p>Times are when the reports were received, by this JVM's clock (a container's clock may
 * differ).
 *
 * <p>Threading: thread-safe; every method takes this object's lock.
 */
public final class ReportHistory {

  /** How far back the history goes by default, in ms: 10 minutes. */
  public static final long DEFAULT_WINDOW_MS = 10 * 60_000;
  /** The shortest time between two kept reports of a container by default, in ms. */
  public static final long DEFAULT_STEP_MS = 2_000;
  /** The span over which a rate "now" is measured, in ms. */
  public static final long RATE_SPAN_MS = 10_000;
  /** How many commit entries are kept. */
  public static final int MAX_COMMITS = 50;

  /** A report and when it arrived. */
  record Sample(long atMs, ContainerReport report) {
    String process() {
      return report.yarnContainerId();
    }

    TaskReport task(String name) {
      for (TaskReport t : report.tasks()) {
        if (t.taskName().equals(name)) {
          return t;
        }
      }
      return null;
    }
  }

  private final long windowMs;
  private final long stepMs;
  private final Map<String, Deque<Sample>> kept = new HashMap<>();
  private final Map<String, Sample> latest = new HashMap<>();
  private final Deque<CommitEntry> commits = new ArrayDeque<>();

  /** A history with the default window and step. */
  public ReportHistory() {
    this(DEFAULT_WINDOW_MS, DEFAULT_STEP_MS);
  }

  /**
   * A history.
   *
   * @param windowMs how far back it goes, in ms, at least {@code stepMs}
   * @param stepMs the shortest time between two kept reports of a container, in ms, at least 1
   * @throws IllegalArgumentException if the bounds are out of range
   */
  public ReportHistory(long windowMs, long stepMs) {
    if (stepMs < 1 || windowMs < stepMs) {
      throw new IllegalArgumentException("need 1 <= stepMs <= windowMs; got step " + stepMs + ", window " + windowMs);
    }
    this.windowMs = windowMs;
    this.stepMs = stepMs;
  }

  /**
   * Records a report.
   *
   * @param report the report, already checked to come from the container's current process
   * @param receivedMs when it arrived, in epoch ms
   */
  public synchronized void record(ContainerReport report, long receivedMs) {
    String id = report.containerId();
    Sample sample = new Sample(receivedMs, report);
    Sample previous = latest.put(id, sample);
    if (previous != null && previous.process().equals(sample.process())) {
      commitsBetween(previous, sample);
    }
    Deque<Sample> samples = kept.computeIfAbsent(id, x -> new ArrayDeque<>());
    Sample last = samples.peekLast();
    if (last == null || receivedMs - last.atMs() >= stepMs || !last.process().equals(sample.process())) {
      samples.addLast(sample);
    }
    while (!samples.isEmpty() && samples.peekFirst().atMs() < receivedMs - windowMs) {
      samples.removeFirst();
    }
  }

  private void commitsBetween(Sample before, Sample after) {
    int tasks = 0;
    long count = 0;
    double durationMs = 0;
    long timeMs = 0;
    for (TaskReport t : after.report().tasks()) {
      TaskReport b = before.task(t.taskName());
      long made = t.commits() - (b == null ? 0 : b.commits());
      if (made > 0) {
        tasks++;
        count += made;
        durationMs += t.commitTotalMs() - (b == null ? 0 : b.commitTotalMs());
        timeMs = Math.max(timeMs, t.lastCommitMs() == null ? after.atMs() : t.lastCommitMs());
      }
    }
    if (tasks > 0) {
      commits.addFirst(new CommitEntry(timeMs, after.report().containerId(), tasks, count,
          Math.max(0, durationMs / count)));
      while (commits.size() > MAX_COMMITS) {
        commits.removeLast();
      }
    }
  }

  /**
   * The latest report of a container and when it arrived.
   *
   * @param containerId the container
   * @return the report, empty if it never reported
   */
  public synchronized Optional<ContainerReport> latest(String containerId) {
    return Optional.ofNullable(latest.get(containerId)).map(Sample::report);
  }

  /**
   * When the latest report of a container arrived.
   *
   * @param containerId the container
   * @return the time in epoch ms, empty if it never reported
   */
  public synchronized Optional<Long> latestAtMs(String containerId) {
    return Optional.ofNullable(latest.get(containerId)).map(Sample::atMs);
  }

  /**
   * The latest commits, newest first.
   *
   * @return at most {@value #MAX_COMMITS} entries
   */
  public synchronized List<CommitEntry> commits() {
    return List.copyOf(commits);
  }

  /**
   * A task's records processed per second over about the last {@value #RATE_SPAN_MS} ms of its
   * container's current process.
   *
   * @param containerId the container
   * @param task the task
   * @return the rate, empty while fewer than two reports of the process are known
   */
  public synchronized Optional<Double> processedRate(String containerId, String task) {
    return rate(containerId, task, TaskReport::processed);
  }

  /**
   * A task's restored records per second over about the last {@value #RATE_SPAN_MS} ms.
   *
   * @param containerId the container
   * @param task the task
   * @return the rate, empty while fewer than two reports of the process are known
   */
  public synchronized Optional<Double> restoreRate(String containerId, String task) {
    return rate(containerId, task, TaskReport::restoredRecords);
  }

  private Optional<Double> rate(String containerId, String task, ToLongFunction<TaskReport> count) {
    Sample now = latest.get(containerId);
    Deque<Sample> samples = kept.get(containerId);
    if (now == null || samples == null) {
      return Optional.empty();
    }
    Sample from = null;
    for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); ) {
      Sample s = it.next();
      if (!s.process().equals(now.process())) {
        break;
      }
      if (s.atMs() < now.atMs()) {
        from = s;
        if (now.atMs() - s.atMs() >= RATE_SPAN_MS) {
          break;
        }
      }
    }
    TaskReport a = from == null ? null : from.task(task);
    TaskReport b = now.task(task);
    if (b == null || from == null) {
      return Optional.empty();
    }
    long delta = count.applyAsLong(b) - (a == null ? 0 : count.applyAsLong(a));
    return Optional.of(Math.max(0, delta) * 1000.0 / (now.atMs() - from.atMs()));
  }

  /**
   * The charts' series over the window before {@code nowMs}.
   *
   * @param nowMs the time, in epoch ms
   * @return the series, on one time axis of {@code stepMs} buckets
   */
  public synchronized ChartData charts(long nowMs) {
    TreeSet<Long> buckets = new TreeSet<>();
    for (Deque<Sample> samples : kept.values()) {
      for (Sample s : samples) {
        if (s.atMs() >= nowMs - windowMs) {
          buckets.add(s.atMs() / stepMs);
        }
      }
    }
    List<Long> axis = new ArrayList<>(buckets);
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < axis.size(); i++) {
      index.put(axis.get(i), i);
    }
    Comparator<String> natural = ReportHistory::compareNatural;
    Map<String, List<Double>> containerRate = new TreeMap<>(natural);
    Map<String, List<Double>> containerLag = new TreeMap<>(natural);
    Map<String, List<Double>> taskRate = new TreeMap<>(natural);
    Map<String, List<Double>> taskLag = new TreeMap<>(natural);
    for (Map.Entry<String, Deque<Sample>> e : kept.entrySet()) {
      String container = "container " + e.getKey();
      Sample previous = null;
      for (Sample s : e.getValue()) {
        Integer i = index.get(s.atMs() / stepMs);
        if (i == null) {
          previous = s;
          continue;
        }
        boolean rated = previous != null && previous.process().equals(s.process()) && s.atMs() > previous.atMs();
        double rateSum = 0;
        double lagSum = 0;
        boolean anyLag = false;
        for (TaskReport t : s.report().tasks()) {
          if (!t.lag().isEmpty()) {
            long lag = t.lag().values().stream().mapToLong(v -> Math.max(0, v)).sum();
            put(taskLag, t.taskName(), axis.size(), i, (double) lag);
            lagSum += lag;
            anyLag = true;
          }
          if (rated) {
            TaskReport p = previous.task(t.taskName());
            long delta = t.processed() - (p == null ? 0 : p.processed());
            double rate = Math.max(0, delta) * 1000.0 / (s.atMs() - previous.atMs());
            put(taskRate, t.taskName(), axis.size(), i, rate);
            rateSum += rate;
          }
        }
        if (anyLag) {
          put(containerLag, container, axis.size(), i, lagSum);
        }
        if (rated) {
          put(containerRate, container, axis.size(), i, rateSum);
        }
        previous = s;
      }
    }
    List<Double> times = axis.stream().map(b -> b * stepMs / 1000.0).toList();
    return new ChartData(times, containerRate, containerLag, taskRate, taskLag);
  }

  private static void put(Map<String, List<Double>> series, String name, int size, int i, double value) {
    series.computeIfAbsent(name, n -> {
      List<Double> values = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        values.add(null);
      }
      return values;
    }).set(i, value);
  }

  /** Orders names with numbers by their numbers: {@code Partition 2} before {@code Partition 10}. */
  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b); // "a01" and "a1" stay two names
  }
}
