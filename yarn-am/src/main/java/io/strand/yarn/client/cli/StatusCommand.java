package io.strand.yarn.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.yarn.client.YarnApplications;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code status <application id>}: prints the application's state, final status, tracking URL
 * and diagnostics, and, while it runs, each container's host, state and restarts from the AM's
 * {@code /status.json}. Exit 0 when the report was read, 1 otherwise.
 *
 * <p>Threading: runs on the calling thread.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows a job running on YARN.")
final class StatusCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<application id>")
  private String appId;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    ApplicationId id = AppIds.parse(spec, appId);
    PrintWriter out = spec.commandLine().getOut();
    YarnClient client = AppIds.startClient();
    try {
      ApplicationReport report = AppIds.report(client, id);
      out.println("Application: " + id + " (" + report.getName() + ", queue " + report.getQueue() + ")");
      out.println("State:       " + report.getYarnApplicationState() + ", final status "
          + report.getFinalApplicationStatus());
      out.println("Job status:  " + YarnApplications.toJobStatus(report));
      out.println("Tracking:    " + report.getTrackingUrl());
      if (report.getDiagnostics() != null && !report.getDiagnostics().isBlank()) {
        out.println("Diagnostics: " + report.getDiagnostics().strip());
      }
      Optional<String> json = YarnApplications.statusJson(report);
      if (json.isPresent()) {
        JsonNode view = new ObjectMapper().readTree(json.get());
        out.printf("%-4s %-28s %-40s %-10s %s%n", "id", "host", "YARN container", "restarts", "state");
        for (JsonNode c : view.path("containers")) {
          out.printf("%-4s %-28s %-40s %-10d %s%n", c.path("id").asText(), c.path("host").asText(),
              c.path("processId").asText(), c.path("restarts").asInt(), c.path("state").asText());
        }
      }
      return 0;
    } catch (IOException | IllegalStateException e) {
      spec.commandLine().getErr().println("status-job: " + e.getMessage());
      return 1;
    } finally {
      client.stop();
    }
  }
}
