package io.strand.yarn.am;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;

/**
 * The AM's record of one logical container of the job model across its YARN containers: the
 * outstanding ask, the current YARN container, where it runs, and restarts.
 *
 * <p>Threading: not thread-safe; owned by {@link ContainerSupervisor}, which guards it with its
 * own lock.
 */
final class ContainerSlot {

  final String id;
  /** The allocation request id of this slot's asks: YARN hands it back on the allocated container. */
  final long requestId;
  SlotState state = SlotState.REQUESTED;
  ContainerRequest ask;
  /** The node the outstanding ask insists on (host affinity), or null for any node. */
  String askNode;
  long askDeadlineMs = Long.MAX_VALUE;
  Container container;
  /** The node the current (or last) container runs on, as the scheduler names it. */
  String node;
  long launchedMs;
  int restarts;
  String lastExit;
  boolean adopted;

  ContainerSlot(String id, long requestId) {
    this.id = id;
    this.requestId = requestId;
  }

  boolean isLive() {
    return state == SlotState.LAUNCHING || state == SlotState.RUNNING;
  }
}
