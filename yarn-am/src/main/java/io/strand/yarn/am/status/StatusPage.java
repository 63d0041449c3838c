package io.strand.yarn.am.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders a {@link JobView} as the AM's HTML status page (the application's tracking URL): the
 * job's state, a table of containers (host, state, restarts, uptime, last exit, a link to its
 * Prometheus endpoint) and a table of
 * tasks (input lag per partition, restore progress, last checkpoint). The page refreshes itself
 * every 5 s and links to {@code status.json} relatively, so it also works through the
 * ResourceManager's web proxy.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class StatusPage {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private StatusPage() {}

  /**
   * Renders the page.
   *
   * @param view the view
   * @return a complete HTML document
   */
  public static String render(JobView view) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">")
        .append("<title>Strand job ").append(esc(view.job())).append("</title><style>")
        .append("body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:22px;margin:0 0 4px}")
        .append("h2{font-size:17px;margin:24px 0 8px}table{border-collapse:collapse;font-size:13px}")
        .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
        .append("th{background:#f0f0f0}.RUNNING{color:#1a7f37;font-weight:bold}.FAILED{color:#c62828;font-weight:bold}")
        .append(".STOPPING,.REQUESTED,.LAUNCHING{color:#9a6700;font-weight:bold}.meta{color:#555;font-size:13px}")
        .append("</style></head><body>");
    h.append("<h1>Strand job ").append(esc(view.job())).append(" <span class=\"").append(cls(view.state()))
        .append("\">").append(esc(view.state())).append("</span></h1>");
    h.append("<div class=\"meta\">YARN application ").append(esc(view.applicationId())).append(", AM attempt ")
        .append(view.attempt()).append(", started ").append(TIME.format(Instant.ofEpochMilli(view.startedMs())))
        .append(", page made ").append(TIME.format(Instant.ofEpochMilli(view.generatedMs())))
        .append(" &middot; <a href=\"status.json\">status.json</a> &middot; <a href=\"job-model.json\">job model</a></div>");
    if (!view.diagnostics().isEmpty()) {
      h.append("<p><b>Diagnostics:</b> ").append(esc(view.diagnostics())).append("</p>");
    }
    h.append("<h2>Containers (").append(view.containers().size()).append(")</h2><table><tr><th>id</th>")
        .append("<th>host</th><th>state</th><th>restarts</th><th>uptime</th><th>tasks</th><th>YARN container</th>")
        .append("<th>last exit</th><th>last report</th><th>metrics</th></tr>");
    for (ContainerView c : view.containers()) {
      h.append("<tr><td>").append(esc(c.id())).append("</td><td>").append(esc(c.host())).append("</td><td class=\"")
          .append(cls(c.state())).append("\">").append(esc(c.state())).append("</td><td>").append(c.restarts())
          .append("</td><td>").append(duration(c.uptimeMs())).append("</td><td>").append(c.taskCount())
          .append("</td><td>").append(esc(c.yarnContainerId())).append("</td><td>").append(esc(c.lastExit()))
          .append("</td><td>").append(c.lastReportAgeMs() == null ? "never" : duration(c.lastReportAgeMs()) + " ago")
          .append("</td><td>").append(metricsLink(c.metricsUrl())).append("</td></tr>");
    }
    h.append("</table><h2>Tasks (").append(view.tasks().size()).append(")</h2><table><tr><th>task</th>")
        .append("<th>container</th><th>total lag</th><th>lag per partition</th><th>restore</th>")
        .append("<th>commits</th><th>last checkpoint</th></tr>");
    for (TaskView t : view.tasks()) {
      h.append("<tr><td>").append(esc(t.taskName())).append("</td><td>").append(esc(t.containerId()))
          .append("</td><td>").append(t.totalLag()).append("</td><td>");
      for (PartitionLag p : t.partitions()) {
        h.append(esc(p.partition())).append(": ").append(p.lag() == null ? "?" : p.lag()).append("<br>");
      }
      h.append("</td><td>").append(restore(t)).append("</td><td>").append(t.commits()).append("</td><td>")
          .append(t.lastCheckpointMs() == null ? "none yet" : TIME.format(Instant.ofEpochMilli(t.lastCheckpointMs())))
          .append("</td></tr>");
    }
    return h.append("</table></body></html>").toString();
  }

  /** A link to a container's Prometheus endpoint; only http(s) URLs are links. */
  private static String metricsLink(String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      return "";
    }
    return "<a href=\"" + esc(url) + "\">" + esc(url) + "</a>";
  }

  private static String restore(TaskView t) {
    if (t.restoreTotalRecords() == 0 && t.restoredRecords() == 0) {
      return "nothing to restore";
    }
    long pct = t.restoreTotalRecords() == 0 ? 100 : Math.min(100, 100 * t.restoredRecords() / t.restoreTotalRecords());
    return t.restoredRecords() + " / " + t.restoreTotalRecords() + " records (" + pct + "%)";
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
