package io.strand.yarn.am;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.runner.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's decisions (pure logic, with recording fakes for YARN): matching allocations to
 * asks, surplus release, host-affinity asks and their timeout, restart counting and final status.
 * The real cluster behaviour is covered by the MiniYARNCluster tests.
 */
class ContainerSupervisorTest {

  private static final ApplicationAttemptId ATTEMPT = ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1);
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Recorder actions = new Recorder();
  private long nextContainer = 2;

  private ContainerSupervisor supervisor(boolean hostAffinity, int retryCount) {
    JobModel model = new JobModel("job", "1", "g", List.of(new ContainerModel("0", List.of()),
        new ContainerModel("1", List.of())));
    return new ContainerSupervisor(model, Resource.newInstance(256, 1), hostAffinity, 5_000,
        new RestartPolicy(retryCount, 60_000), actions, NodeId::toString, now::get);
  }

  private Container allocated(long requestId, String node) {
    String[] hostPort = node.split(":");
    Container c = Container.newInstance(ContainerId.newContainerId(ATTEMPT, nextContainer++),
        NodeId.newInstance(hostPort[0], Integer.parseInt(hostPort[1])), node, Resource.newInstance(256, 1),
        Priority.newInstance(2), null);
    c.setAllocationRequestId(requestId);
    return c;
  }

  private static ContainerStatus exited(Container c, int exitStatus) {
    return ContainerStatus.newInstance(c.getId(), ContainerState.COMPLETE, "", exitStatus);
  }

  @Test
  void launchesWhatWasAskedForAndReleasesSurplusAllocations() {
    ContainerSupervisor s = supervisor(false, 8);
    s.start(Map.of(), List.of());
    assertEquals(2, actions.requested.size());

    Container c0 = allocated(1000, "h:1");
    Container extra = allocated(1000, "h:2"); // the RM handed out one more than asked
    Container c1 = allocated(1001, "h:2");
    s.onAllocated(List.of(c0, extra, c1));

    assertEquals(List.of("0", "1"), actions.launchedIds);
    assertEquals(List.of(extra.getId()), actions.released);
    assertEquals(2, actions.cancelled.size());
  }

  @Test
  void aFailedContainerIsAskedForOnItsLastNodeThenOnAnyNodeAfterTheTimeout() {
    ContainerSupervisor s = supervisor(true, 8);
    s.start(Map.of(), List.of());
    Container c0 = allocated(1000, "h:1");
    s.onAllocated(List.of(c0));
    s.onStarted(c0.getId());
    assertEquals(List.of("0=h:1"), actions.hosts);

    s.onCompleted(List.of(exited(c0, 137)));
    ContainerRequest preferred = actions.requested.get(actions.requested.size() - 1);
    assertEquals(List.of("h:1"), preferred.getNodes());
    assertFalse(preferred.getRelaxLocality());

    now.addAndGet(4_999);
    s.checkRequestTimeouts();
    assertEquals(preferred, actions.requested.get(actions.requested.size() - 1), "still waiting for h:1");
    now.addAndGet(1);
    s.checkRequestTimeouts();
    ContainerRequest any = actions.requested.get(actions.requested.size() - 1);
    assertTrue(actions.cancelled.contains(preferred));
    assertNull(any.getNodes());
    assertTrue(any.getRelaxLocality());
  }

  @Test
  void aContainerThatRanBeforeIsAskedForOnItsRecordedNode() {
    ContainerSupervisor s = supervisor(true, 8);
    s.start(Map.of("1", "h:7"), List.of());
    assertNull(actions.requested.get(0).getNodes());
    assertEquals(List.of("h:7"), actions.requested.get(1).getNodes());
  }

  @Test
  void preemptionAndDiskFailuresDoNotCountButOneFailureTooManyFailsTheJob() {
    ContainerSupervisor s = supervisor(false, 1);
    s.start(Map.of(), List.of());
    Container a = allocated(1000, "h:1");
    s.onAllocated(List.of(a));
    s.onStarted(a.getId());
    s.onCompleted(List.of(exited(a, ContainerExitStatus.PREEMPTED)));
    Container b = allocated(1000, "h:1");
    s.onAllocated(List.of(b));
    s.onCompleted(List.of(exited(b, ContainerExitStatus.DISKS_FAILED)));
    Container c = allocated(1000, "h:1");
    s.onAllocated(List.of(c));
    s.onCompleted(List.of(exited(c, 1)));
    assertFalse(s.outcome().isDone(), "one counted failure is within retry.count=1");
    Container d = allocated(1000, "h:1");
    s.onAllocated(List.of(d));
    s.onCompleted(List.of(exited(d, 143)));

    assertTrue(s.isStopping());
    Container other = allocated(1001, "h:2");
    s.onAllocated(List.of(other));
    assertEquals(List.of(other.getId()), actions.released, "nothing new starts while the job fails");
    ContainerSupervisor.Outcome outcome = s.outcome().join();
    assertEquals(FinalApplicationStatus.FAILED, outcome.status());
    assertTrue(outcome.diagnostics().startsWith("container 0 (" + d.getId() + " on h:1) failed 2 time(s)"),
        outcome.diagnostics());
    assertTrue(outcome.diagnostics().contains("exit code 143 (killed by signal 15, SIGTERM)"), outcome.diagnostics());
  }

  @Test
  void theJobSucceedsWhenEveryContainerExitsZeroAndIsKilledAfterAStop() {
    ContainerSupervisor s = supervisor(false, 8);
    s.start(Map.of(), List.of());
    Container c0 = allocated(1000, "h:1");
    Container c1 = allocated(1001, "h:1");
    s.onAllocated(List.of(c0, c1));
    s.onCompleted(List.of(exited(c0, 0)));
    assertFalse(s.outcome().isDone());
    s.onCompleted(List.of(exited(c1, 0)));
    assertEquals(FinalApplicationStatus.SUCCEEDED, s.outcome().join().status());

    ContainerSupervisor killed = supervisor(false, 8);
    killed.start(Map.of(), List.of());
    Container k0 = allocated(1000, "h:1");
    killed.onAllocated(List.of(k0));
    killed.stop("test");
    assertTrue(killed.onReport(new io.strand.yarn.report.ContainerReport(1, "0", k0.getId().toString(), 0, List.of(), null), 0)
        .stop());
    assertFalse(killed.outcome().isDone(), "container 0 still runs; container 1's ask was withdrawn");
    killed.onCompleted(List.of(exited(k0, 0)));
    assertEquals(FinalApplicationStatus.KILLED, killed.outcome().join().status());
  }

  /** Records what the supervisor asks of YARN. */
  private static final class Recorder implements ClusterActions {
    final List<ContainerRequest> requested = new ArrayList<>();
    final List<ContainerRequest> cancelled = new ArrayList<>();
    final List<ContainerId> released = new ArrayList<>();
    final List<String> launchedIds = new ArrayList<>();
    final List<String> hosts = new ArrayList<>();

    @Override
    public void request(ContainerRequest request) {
      requested.add(request);
    }

    @Override
    public void cancel(ContainerRequest request) {
      cancelled.add(request);
    }

    @Override
    public void release(Container container) {
      released.add(container.getId());
    }

    @Override
    public void launch(Container container, String containerId) {
      launchedIds.add(containerId);
    }

    @Override
    public void stop(Container container) {}

    @Override
    public void recordHost(String containerId, String node) {
      hosts.add(containerId + "=" + node);
    }
  }
}
