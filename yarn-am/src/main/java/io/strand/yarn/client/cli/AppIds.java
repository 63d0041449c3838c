package io.strand.yarn.client.cli;

import io.strand.yarn.launch.YarnConfigurations;
import java.io.IOException;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Shared by the kill and status commands: parses an application id and reads its report.
 *
 * <p>Threading: stateless.
 */
final class AppIds {

  private AppIds() {}

  static ApplicationId parse(CommandSpec spec, String text) {
    try {
      return ApplicationId.fromString(text.trim());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "not a YARN application id: '" + text
          + "' (expected application_<cluster timestamp>_<sequence>)");
    }
  }

  static YarnClient startClient() {
    YarnClient client = YarnClient.createYarnClient();
    client.init(YarnConfigurations.load());
    client.start();
    return client;
  }

  static ApplicationReport report(YarnClient client, ApplicationId id) {
    try {
      return client.getApplicationReport(id);
    } catch (YarnException | IOException e) {
      throw new IllegalStateException("cannot read the report of " + id + ": " + e.getMessage(), e);
    }
  }
}
