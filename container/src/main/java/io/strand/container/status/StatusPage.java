package io.strand.container.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link JobView} as the status page: the job's state; four uPlot charts (records per
 * second and lag, per container and per task, over the last minutes); the containers (state and
 * what their reports say, host and process, uptime, restarts, rate, lag, links to their metrics
 * endpoint and log); the tasks (rate, lag per partition, a restore progress bar with rate and ETA,
 * commits, last checkpoint); the latest checkpoints (time, duration); and the container processes
 * that ended (time, exit). The charts' data is embedded as JSON and drawn by {@code static/status.js}
 * with uPlot from its WebJar, both served from the jar, so the page needs no network. Each chart's
 * element gets {@code data-points} (values drawn) and the body {@code data-chart-points} (their
 * sum) once drawn, for tests and tools. Every link is relative, so the page also works through the
 * ResourceManager's web proxy; it reloads itself every 5 s unless asked not to.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class StatusPage {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[][] CHARTS = {
      {"containerRate", "Records/s per container"}, {"containerLag", "Lag per container (records)"},
      {"taskRate", "Records/s per task"}, {"taskLag", "Lag per task (records)"}};

  private StatusPage() {}

  /**
   * Renders the page.
   *
   * @param view the view
   * @param refresh whether the page reloads itself every 5 s
   * @return a complete HTML document
   */
  public static String render(JobView view, boolean refresh) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(esc(view.state())).append(" · Strand job ").append(esc(view.job())).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"static/uPlot.min.css\"><link rel=\"stylesheet\" href=\"static/status.css\">")
        .append("</head><body data-refresh=\"").append(refresh).append("\">");
    header(h, view);
    h.append("<section class=\"charts\">");
    for (String[] chart : CHARTS) {
      h.append("<div class=\"card\"><h3>").append(chart[1]).append("</h3><div class=\"chart\" data-chart=\"")
          .append(chart[0]).append("\"></div></div>");
    }
    h.append("</section>");
    containers(h, view);
    tasks(h, view);
    commits(h, view);
    restarts(h, view);
    String charts;
    try {
      charts = MAPPER.writeValueAsString(view.charts());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreachable: chart data is plain values", e);
    }
    h.append("<script id=\"chart-data\" type=\"application/json\">").append(charts.replace("</", "<\\/"))
        .append("</script><script src=\"static/uPlot.iife.min.js\"></script><script src=\"static/status.js\"></script>");
    return h.append("</body></html>").toString();
  }

  private static void header(StringBuilder h, JobView view) {
    h.append("<header><h1>").append(esc(view.job())).append(" <span class=\"badge ").append(cls(view.state()))
        .append("\">").append(esc(view.state())).append("</span></h1><div class=\"meta\">")
        .append(esc(view.runner())).append(" runner");
    if (!view.detail().isEmpty()) {
      h.append(" · ").append(esc(view.detail()));
    }
    long running = view.containers().stream().filter(c -> c.activity().equals("reporting")).count();
    h.append(" · ").append(view.containers().size()).append(" container(s), ").append(running).append(" reporting · ")
        .append(view.tasks().size()).append(" task(s) · started ").append(TIME.format(Instant.ofEpochMilli(view.startedMs())))
        .append(" · page made ").append(CLOCK.format(Instant.ofEpochMilli(view.generatedMs())))
        .append(" UTC · <a href=\"status.json\">status.json</a>");
    if (view.runner().equals("yarn")) {
      h.append(" · <a href=\"job-model.json\">job model</a>");
    }
    h.append("</div>");
    if (!view.diagnostics().isEmpty()) {
      h.append("<p class=\"diag\"><b>Diagnostics:</b> ").append(esc(view.diagnostics())).append("</p>");
    }
    double rate = view.containers().stream().filter(c -> c.recordsPerSecond() != null)
        .mapToDouble(ContainerView::recordsPerSecond).sum();
    long lag = view.containers().stream().filter(c -> c.lag() != null).mapToLong(ContainerView::lag).sum();
    h.append("<div class=\"stats\"><div><b>").append(number(rate)).append("</b>records/s</div><div><b>")
        .append(String.format("%,d", lag)).append("</b>records of lag</div><div><b>")
        .append(view.containers().stream().mapToInt(ContainerView::restarts).sum()).append("</b>restarts</div><div><b>")
        .append(view.tasks().stream().mapToLong(TaskView::commits).sum()).append("</b>commits</div></div></header>");
  }

  private static void containers(StringBuilder h, JobView view) {
    h.append("<h2>Containers</h2><table><tr><th>id</th><th>state</th><th>host · process</th><th>uptime</th>")
        .append("<th>restarts</th><th class=\"n\">records/s</th><th class=\"n\">lag</th><th>last report</th>")
        .append("<th>metrics</th><th>log</th><th>last exit</th></tr>");
    for (ContainerView c : view.containers()) {
      h.append("<tr><td>").append(esc(c.id())).append("</td><td><span class=\"badge ").append(cls(c.state()))
          .append("\">").append(esc(c.state())).append("</span> <span class=\"note\">").append(esc(c.activity()))
          .append("</span></td><td>").append(esc(c.host())).append(c.processId().isEmpty() ? "" : " · ")
          .append(esc(c.processId())).append("</td><td>").append(c.uptimeMs() == 0 ? "–" : duration(c.uptimeMs()))
          .append("</td><td>").append(c.restarts()).append("</td><td class=\"n\">").append(number(c.recordsPerSecond()))
          .append("</td><td class=\"n\">").append(c.lag() == null ? "–" : String.format("%,d", c.lag()))
          .append("</td><td>").append(c.lastReportAgeMs() == null ? "never" : duration(c.lastReportAgeMs()) + " ago")
          .append("</td><td>").append(link(c.metricsUrl(), "metrics")).append("</td><td>")
          .append(link(c.logUrl(), "log")).append("</td><td>").append(esc(c.lastExit())).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void tasks(StringBuilder h, JobView view) {
    h.append("<h2>Tasks</h2><table><tr><th>task</th><th>container</th><th>state</th><th class=\"n\">records/s</th>")
        .append("<th class=\"n\">lag</th><th>lag per partition</th><th>restore</th><th class=\"n\">commits</th>")
        .append("<th>last checkpoint</th></tr>");
    for (TaskView t : view.tasks()) {
      h.append("<tr><td>").append(esc(t.taskName())).append("</td><td>").append(esc(t.containerId()))
          .append("</td><td class=\"note\">").append(esc(t.state())).append("</td><td class=\"n\">")
          .append(number(t.recordsPerSecond())).append("</td><td class=\"n\">")
          .append(t.totalLag() == null ? "–" : String.format("%,d", t.totalLag())).append("</td><td class=\"parts\">");
      for (PartitionLag p : t.partitions()) {
        h.append(esc(p.partition())).append(": ").append(p.lag() == null ? "–" : String.format("%,d", p.lag()))
            .append("<br>");
      }
      RestoreView r = t.restore();
      h.append("</td><td>");
      if (t.restoredRecords() > 0 || t.restoreTotalRecords() > 0) {
        h.append("<div class=\"bar\" title=\"").append(r.percent()).append(" %\"><span style=\"width:")
            .append(r.percent()).append("%\"></span></div>");
      }
      h.append("<div class=\"note\">").append(esc(r.text()));
      if (r.recordsPerSecond() != null) {
        h.append(" · ").append(number(r.recordsPerSecond())).append(" records/s");
      }
      if (r.etaMs() != null) {
        h.append(" · ETA ").append(duration(r.etaMs()));
      }
      h.append("</div></td><td class=\"n\">").append(t.commits()).append("</td><td>")
          .append(t.lastCheckpointMs() == null ? "none yet" : CLOCK.format(Instant.ofEpochMilli(t.lastCheckpointMs())))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void commits(StringBuilder h, JobView view) {
    h.append("<h2>Checkpoints</h2><p class=\"note\">The latest commits, newest first. A commit that fails fails its")
        .append(" container (nothing is checkpointed past it): failures show under Restarts.</p>");
    List<CommitEntry> commits = view.commits();
    if (commits.isEmpty()) {
      h.append("<p>none yet</p>");
      return;
    }
    h.append("<table><tr><th>time</th><th>container</th><th class=\"n\">tasks</th><th class=\"n\">duration</th></tr>");
    for (CommitEntry c : commits.subList(0, Math.min(15, commits.size()))) {
      h.append("<tr><td>").append(CLOCK.format(Instant.ofEpochMilli(c.timeMs()))).append("</td><td>")
          .append(esc(c.containerId())).append("</td><td class=\"n\">").append(c.tasks())
          .append(c.commits() > c.tasks() ? " (" + c.commits() + " commits)" : "").append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f ms", c.meanDurationMs())).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void restarts(StringBuilder h, JobView view) {
    h.append("<h2>Restarts and failures</h2>");
    if (view.restarts().isEmpty()) {
      h.append("<p>none</p>");
      return;
    }
    h.append("<table><tr><th>time</th><th>container</th><th>process</th><th>exit</th><th>then</th></tr>");
    for (RestartEvent r : view.restarts()) {
      h.append("<tr><td>").append(CLOCK.format(Instant.ofEpochMilli(r.timeMs()))).append("</td><td>")
          .append(esc(r.containerId())).append("</td><td>").append(esc(r.processId())).append("</td><td>")
          .append(esc(r.exit())).append("</td><td>").append(r.restarted() ? "restarted" : "not restarted")
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  /** A link to an absolute http(s) URL or a relative path of this page; anything else (javascript:...) is no link. */
  private static String link(String url, String text) {
    if (url == null || url.isEmpty() || url.contains(":") && !url.startsWith("http://") && !url.startsWith("https://")) {
      return "–";
    }
    return "<a href=\"" + esc(url) + "\" title=\"" + esc(url) + "\">" + text + "</a>";
  }

  private static String number(Double value) {
    return value == null ? "–" : String.format("%,.0f", value);
  }

  private static String cls(String state) {
    int space = state.indexOf(' ');
    return esc(space < 0 ? state : state.substring(0, space));
  }

  static String duration(long ms) {
    long s = ms / 1000;
    return s >= 3600 ? s / 3600 + "h " + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
