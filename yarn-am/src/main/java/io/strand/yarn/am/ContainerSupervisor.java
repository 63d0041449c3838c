package io.strand.yarn.am;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.runner.RestartPolicy;
import io.strand.yarn.am.status.ContainerView;
import io.strand.yarn.report.ContainerReport;
import io.strand.yarn.report.ReportReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one YARN container running per container of the job model, as Samza's
 * {@code ContainerProcessManager}: asks for them, launches what is allocated, releases surplus
 * allocations (the RM may hand out more than was asked), restarts a container that ends with a
 * failure as long as the {@link RestartPolicy} allows, and decides the application's final status.
 *
 * <p>Asks carry an allocation request id per logical container, which YARN hands back on the
 * allocated container (also on containers kept from a previous AM attempt), so an allocation is
 * matched to the container it was asked for. With host affinity, a container that ran before is
 * asked on its last node with locality relaxation off; if none is allocated within
 * {@code cluster-manager.container.request.timeout.ms}, the ask is replaced by one for any node.
 * Exits YARN caused (preemption, failed disks, aborted) restart without counting.
 *
 * <p>Final status: SUCCEEDED when every container exited 0 by itself; KILLED after
 * {@link #stop(String)}; FAILED after {@link #fail(String)} or a container failing beyond the
 * policy (the diagnostics name the container, its node and how it exited).
 *
 * <p>Threading: thread-safe; every method takes this object's lock and only calls non-blocking
 * {@link ClusterActions}. Called from the AMRM and NM callback threads, a timer and HTTP threads.
 */
final class ContainerSupervisor {

  /** The application's final status and diagnostics. */
  record Outcome(FinalApplicationStatus status, String diagnostics) {}

  /** First allocation request id; slot n asks with {@code BASE_REQUEST_ID + n}. */
  static final long BASE_REQUEST_ID = 1_000;
  private static final Priority PREFERRED_NODE = Priority.newInstance(1);
  private static final Priority ANY_NODE = Priority.newInstance(2);
  private static final Logger LOG = LoggerFactory.getLogger(ContainerSupervisor.class);

  private final String job;
  private final Resource resource;
  private final boolean hostAffinity;
  private final long requestTimeoutMs;
  private final RestartPolicy policy;
  private final ClusterActions actions;
  private final Function<NodeId, String> nodeNames;
  private final LongSupplier clock;
  private final Map<String, ContainerSlot> slots = new LinkedHashMap<>();
  private final Map<String, Integer> taskCounts = new LinkedHashMap<>();
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
  private boolean stopping;
  private String failure;

  ContainerSupervisor(JobModel model, Resource resource, boolean hostAffinity, long requestTimeoutMs,
      RestartPolicy policy, ClusterActions actions, Function<NodeId, String> nodeNames, LongSupplier clock) {
    this.job = model.jobName() + "-" + model.jobId();
    this.resource = resource;
    this.hostAffinity = hostAffinity;
    this.requestTimeoutMs = requestTimeoutMs;
    this.policy = policy;
    this.actions = actions;
    this.nodeNames = nodeNames;
    this.clock = clock;
    long requestId = BASE_REQUEST_ID;
    for (ContainerModel c : model.containers()) {
      slots.put(c.id(), new ContainerSlot(c.id(), requestId++));
      taskCounts.put(c.id(), c.tasks().size());
    }
  }

  /**
   * Adopts the containers still running from a previous AM attempt and asks for the others.
   *
   * @param lastNodes the node each container last ran on (from the coordinator topic)
   * @param previous containers YARN kept from the previous attempt
   */
  synchronized void start(Map<String, String> lastNodes, List<Container> previous) {
    for (Container c : previous) {
      ContainerSlot slot = bySlotRequestId(c.getAllocationRequestId());
      if (slot == null || slot.container != null) {
        LOG.info("Job {}: stopping {} kept from the previous attempt: it matches no container", job, c.getId());
        actions.stop(c);
        continue;
      }
      slot.container = c;
      slot.node = nodeNames.apply(c.getNodeId());
      slot.state = SlotState.RUNNING;
      slot.launchedMs = clock.getAsLong();
      slot.adopted = true;
      LOG.info("Job {}: container {} kept running from the previous attempt as {} on {}", job, slot.id, c.getId(),
          slot.node);
    }
    for (ContainerSlot slot : slots.values()) {
      if (slot.container == null) {
        slot.node = lastNodes.get(slot.id);
        ask(slot);
      }
    }
    LOG.info("Job {}: supervising {} container(s) of {} MB / {} core(s); host affinity {}; restart policy {}", job,
        slots.size(), resource.getMemorySize(), resource.getVirtualCores(), hostAffinity ? "on" : "off", policy);
  }

  private void ask(ContainerSlot slot) {
    slot.state = SlotState.REQUESTED;
    boolean preferred = hostAffinity && slot.node != null;
    slot.askNode = preferred ? slot.node : null;
    slot.askDeadlineMs = preferred ? clock.getAsLong() + requestTimeoutMs : Long.MAX_VALUE;
    slot.ask = preferred
        ? new ContainerRequest(resource, new String[] {slot.node}, null, PREFERRED_NODE, slot.requestId, false, null)
        : new ContainerRequest(resource, null, null, ANY_NODE, slot.requestId, true, null);
    actions.request(slot.ask);
    LOG.info("Job {}: container {} requested on {}", job, slot.id, preferred ? "node " + slot.node : "any node");
  }

  /** Replaces preferred-node asks that waited longer than the request timeout by any-node asks. */
  synchronized void checkRequestTimeouts() {
    long now = clock.getAsLong();
    for (ContainerSlot slot : slots.values()) {
      if (slot.state == SlotState.REQUESTED && slot.askNode != null && now >= slot.askDeadlineMs && !stopping) {
        LOG.info("Job {}: no container on node {} for container {} within {} ms; asking for any node", job,
            slot.askNode, slot.id, requestTimeoutMs);
        actions.cancel(slot.ask);
        String lastNode = slot.node;
        slot.node = null;
        ask(slot);
        slot.node = lastNode;
      }
    }
  }

  synchronized void onAllocated(List<Container> containers) {
    for (Container c : containers) {
      ContainerSlot slot = bySlotRequestId(c.getAllocationRequestId());
      if (slot == null) {
        slot = anyWaitingFor(c); // in case the scheduler did not echo the request id
      }
      if (slot == null || slot.state != SlotState.REQUESTED || stopping) {
        LOG.info("Job {}: releasing surplus container {} on {}", job, c.getId(), c.getNodeId());
        actions.release(c);
        continue;
      }
      actions.cancel(slot.ask);
      slot.ask = null;
      slot.askNode = null;
      slot.container = c;
      slot.node = nodeNames.apply(c.getNodeId());
      slot.state = SlotState.LAUNCHING;
      slot.lastReport = null;
      LOG.info("Job {}: container {} allocated as {} on {}; launching", job, slot.id, c.getId(), slot.node);
      actions.launch(c, slot.id);
    }
  }

  synchronized void onStarted(ContainerId containerId) {
    ContainerSlot slot = byContainer(containerId);
    if (slot != null && slot.state == SlotState.LAUNCHING) {
      slot.state = SlotState.RUNNING;
      slot.launchedMs = clock.getAsLong();
      actions.recordHost(slot.id, slot.node);
      LOG.info("Job {}: container {} started as {} on {}", job, slot.id, containerId, slot.node);
    }
  }

  synchronized void onStartFailed(ContainerId containerId, Throwable error) {
    ContainerSlot slot = byContainer(containerId);
    if (slot != null && slot.isLive()) {
      ended(slot, 1, true, "could not be launched: " + error.getMessage());
    }
  }

  synchronized void onCompleted(List<ContainerStatus> statuses) {
    for (ContainerStatus status : statuses) {
      ContainerSlot slot = byContainer(status.getContainerId());
      if (slot != null && slot.isLive()) {
        ended(slot, status.getExitStatus(), ExitCauses.countsAsFailure(status.getExitStatus()),
            ExitCauses.describe(status));
      }
    }
  }

  private void ended(ContainerSlot slot, int exitStatus, boolean counts, String how) {
    slot.lastExit = how;
    String where = slot.container.getId() + " on " + slot.node;
    if (stopping) {
      slot.state = SlotState.STOPPED;
      LOG.info("Job {}: container {} ({}) stopped: {}", job, slot.id, where, how);
    } else if (exitStatus == 0) {
      slot.state = SlotState.FINISHED;
      LOG.info("Job {}: container {} ({}) finished", job, slot.id, where);
    } else if (!counts || policy.onFailure(slot.id, clock.getAsLong())) {
      slot.restarts++;
      LOG.warn("Job {}: container {} ({}) ended: {}; restarting it ({}){}", job, slot.id, where, how,
          counts ? policy.failuresInWindow(slot.id) + " failure(s) in the window" : "not counted",
          hostAffinity ? " on node " + slot.node : "");
      ask(slot);
    } else {
      slot.state = SlotState.FAILED;
      fail("container " + slot.id + " (" + where + ") failed " + policy.failuresInWindow(slot.id)
          + " time(s), more often than the restart policy allows (" + policy + "); last: " + how);
    }
    completeIfEnded();
  }

  /**
   * Stops the job on request: containers are told to stop (in their report replies) and asks are
   * withdrawn; the outcome is KILLED once every container has ended.
   *
   * @param reason for the log
   */
  synchronized void stop(String reason) {
    if (!stopping) {
      LOG.info("Job {}: stopping every container: {}", job, reason);
      beginStopping();
    }
  }

  /**
   * Fails the job: the other containers are stopped; the outcome is FAILED with this cause.
   *
   * @param cause one line naming the container, its node and how it ended
   */
  synchronized void fail(String cause) {
    if (failure == null && !outcome.isDone()) {
      failure = cause;
      LOG.error("Job {}: failing: {}", job, cause);
      beginStopping();
    }
  }

  private void beginStopping() {
    stopping = true;
    for (ContainerSlot slot : slots.values()) {
      if (slot.state == SlotState.REQUESTED) {
        actions.cancel(slot.ask);
        slot.ask = null;
        slot.state = SlotState.STOPPED;
      }
    }
    completeIfEnded();
  }

  /** Stops, through their NodeManagers, the containers that did not end after being asked to. */
  synchronized void forceStop() {
    for (ContainerSlot slot : slots.values()) {
      if (slot.isLive()) {
        LOG.warn("Job {}: container {} did not stop when asked; stopping {} through its NodeManager", job, slot.id,
            slot.container.getId());
        actions.stop(slot.container);
      }
    }
  }

  private void completeIfEnded() {
    if (slots.values().stream().allMatch(s -> s.state.isEnded())) {
      Outcome result = failure != null ? new Outcome(FinalApplicationStatus.FAILED, failure)
          : stopping ? new Outcome(FinalApplicationStatus.KILLED, "stopped on request")
          : new Outcome(FinalApplicationStatus.SUCCEEDED, "every container finished");
      if (outcome.complete(result)) {
        LOG.info("Job {}: every container ended: {} ({})", job, result.status(), result.diagnostics());
      }
    }
  }

  synchronized ReportReply onReport(ContainerReport report, long nowMs) {
    ContainerSlot slot = slots.get(report.containerId());
    if (slot != null && slot.container != null && slot.container.getId().toString().equals(report.yarnContainerId())) {
      slot.lastReport = report;
      slot.lastReportMs = nowMs;
    }
    return new ReportReply(stopping);
  }

  synchronized String failure() {
    return failure == null ? "" : failure;
  }

  synchronized boolean isStopping() {
    return stopping;
  }

  synchronized float progress() {
    return slots.isEmpty() ? 1f : (float) slots.values().stream().filter(s -> s.state.isEnded()).count() / slots.size();
  }

  CompletableFuture<Outcome> outcome() {
    return outcome;
  }

  synchronized List<ContainerView> containerViews(long nowMs) {
    List<ContainerView> views = new ArrayList<>();
    for (ContainerSlot s : slots.values()) {
      views.add(new ContainerView(s.id, s.container == null ? "" : s.container.getId().toString(),
          s.node == null ? "" : s.node, s.state.name() + (s.adopted && s.isLive() ? " (kept from previous attempt)" : ""),
          s.restarts, s.state == SlotState.RUNNING ? nowMs - s.launchedMs : 0, s.lastExit == null ? "" : s.lastExit,
          taskCounts.get(s.id), s.lastReport == null ? null : nowMs - s.lastReportMs,
          s.lastReport == null || !s.isLive() ? null : s.lastReport.metricsUrl()));
    }
    return views;
  }

  synchronized Map<String, ContainerReport> latestReports() {
    Map<String, ContainerReport> reports = new LinkedHashMap<>();
    slots.values().stream().filter(s -> s.lastReport != null).forEach(s -> reports.put(s.id, s.lastReport));
    return reports;
  }

  private ContainerSlot bySlotRequestId(long requestId) {
    return slots.values().stream().filter(s -> s.requestId == requestId).findFirst().orElse(null);
  }

  private ContainerSlot anyWaitingFor(Container c) {
    String node = nodeNames.apply(c.getNodeId());
    return slots.values().stream()
        .filter(s -> s.state == SlotState.REQUESTED && (s.askNode == null || s.askNode.equals(node)))
        .findFirst().orElse(null);
  }

  private ContainerSlot byContainer(ContainerId id) {
    return slots.values().stream().filter(s -> s.container != null && s.container.getId().equals(id))
        .findFirst().orElse(null);
  }
}
