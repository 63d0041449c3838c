package io.strand.yarn.am;

import io.strand.container.status.ContainerState;
import io.strand.container.status.JobHeader;
import io.strand.container.status.RestartEvent;
import io.strand.container.status.StatusSource;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.yarn.api.records.Container;

/**
 * What the AM tells its status page: the job and application attempt, every container as the
 * {@link ContainerSupervisor} sees it (state, node, YARN container, restarts, last exit, and a link
 * to its log on its NodeManager), and the containers that ended before they were done.
 *
 * <p>Threading: thread-safe; each call reads the supervisor under its lock.
 */
final class JobViews implements StatusSource {

  private final String job;
  private final String detail;
  private final long startedMs;
  private final int attempt;
  private final ContainerSupervisor supervisor;
  private final Supplier<String> state;
  private final Supplier<String> diagnostics;
  private final String user;

  JobViews(String job, String applicationId, int attempt, long startedMs, ContainerSupervisor supervisor,
      Supplier<String> state, Supplier<String> diagnostics) {
    this.job = job;
    this.detail = "YARN application " + applicationId + ", AM attempt " + attempt;
    this.startedMs = startedMs;
    this.attempt = attempt;
    this.supervisor = supervisor;
    this.state = state;
    this.diagnostics = diagnostics;
    // The NodeManager's log page names the application's user; the AM runs as that user.
    String env = System.getenv("USER");
    this.user = env == null || env.isBlank() ? System.getProperty("user.name") : env;
  }

  @Override
  public JobHeader header() {
    return new JobHeader(job, "yarn", detail, state.get(), diagnostics.get(), startedMs, attempt);
  }

  @Override
  public List<ContainerState> containers(long nowMs) {
    return supervisor.containerStates(this::logUrl);
  }

  @Override
  public List<RestartEvent> restarts() {
    return supervisor.restartEvents();
  }

  private String logUrl(Container c) {
    String address = c.getNodeHttpAddress();
    return address == null || address.isEmpty() ? ""
        : "http://" + address + "/node/containerlogs/" + c.getId() + "/" + user;
  }
}
