package io.strand.streams.internal.runtime;

import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.MessageCollector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The watermark control records of one container's tasks, coalesced: on a window tick every task
 * that writes an intermediate topic has a watermark to tell each of its partitions, and the run
 * loop ticks the container's tasks one after the other, each tick far enough from the last for the
 * producer to have sent its batches. One record per task per partition then opened a producer
 * batch each (with its compression buffers: 5-7 % of Nexmark q7's task thread under load). Here
 * the tasks' changed watermarks of one tick are gathered per intermediate topic ({@link Group})
 * and go out as one frame per partition ({@link #frame}) when the last task of the container that
 * writes the topic has ticked: one record per partition per tick, whatever the number of tasks.
 *
 * <p>Semantics are unchanged: each entry is one upstream task's watermark (or idleness), which the
 * downstream task applies as it did a control record of its own ({@link Watermarks#control}). An
 * entry leaves later than its task's tick (at most one window interval: a task that ticks twice
 * before the round ends sends the round's entries first), never earlier, and behind every data
 * record its task sent before the tick: a container's tasks share one collector and one producer
 * per system ({@code OutputCollector}, {@code ProducerPool}), so a frame sent from another task's
 * tick is appended to each partition after them. The end of a task's input ({@link Group#sendNow})
 * goes out at once, with whatever is waiting, so downstream tasks end without a tick's delay. A
 * frame that was never sent (the container stopped in between) is no loss: a restarted task sends
 * its watermark again on its first tick, and downstream tasks keep the last one they stored.
 *
 * <p>Threading: thread-safe; one instance is shared by the tasks the application's task factory
 * makes, which may tick on several threads. Groups are per container (by the identity of the
 * container context the tasks are given), so tasks of different containers in one JVM, with
 * different producers, never send each other's watermarks.
 */
public final class ControlFrames {

  /** Per container context (by identity), per intermediate topic. */
  private final Map<Object, Map<String, Group>> groups = new IdentityHashMap<>();

  /** None yet: tasks join at init. */
  public ControlFrames() {
  }

  /**
   * A task that will send watermarks to a topic joins its container's group for it (at init,
   * before the run loop ticks any task).
   *
   * @param container the container context the task was given (identity matters)
   * @param stream the intermediate topic
   * @param sizes partition counts, for the partitions to send to
   * @param task the task's name
   * @return the group, to tick
   */
  Group join(Object container, SystemStream stream, TopicSizes sizes, String task) {
    return join(container, stream, () -> sizes.partitions(stream.getSystem(), stream.getStream()), task);
  }

  /** {@link #join(Object, SystemStream, TopicSizes, String)} with the partition count asked of {@code partitions}. */
  synchronized Group join(Object container, SystemStream stream, IntSupplier partitions, String task) {
    Group group = groups.computeIfAbsent(container, c -> new HashMap<>())
        .computeIfAbsent(stream.getStream(), t -> new Group(stream, partitions));
    group.join(task);
    return group;
  }

  /**
   * A task stops sending (closed): rounds stop waiting for it, and the container's groups are
   * dropped once no task is left in them.
   */
  synchronized void leave(Object container, Group group, String task) {
    if (group.leave(task)) {
      Map<String, Group> mine = groups.get(container);
      if (mine != null) {
        mine.values().removeIf(g -> g == group);
        if (mine.isEmpty()) {
          groups.remove(container);
        }
      }
    }
  }

  /**
   * The watermarks of one container's tasks to one intermediate topic, sent one frame per
   * partition per round; a round ends when every member has ticked.
   */
  static final class Group {

    private final SystemStream stream;
    private final IntSupplier partitions;
    private byte[][] partitionKeys;
    private final Set<String> members = new HashSet<>();
    private final Set<String> ticked = new HashSet<>();
    /** Upstream task name to {watermark, idle 0/1}, in the order they changed. */
    private final Map<String, long[]> pending = new LinkedHashMap<>();

    private Group(SystemStream stream, IntSupplier partitions) {
      this.stream = stream;
      this.partitions = partitions;
    }

    private synchronized void join(String task) {
      members.add(task);
    }

    /** @return whether no member is left */
    private synchronized boolean leave(String task) {
      members.remove(task);
      ticked.remove(task);
      return members.isEmpty();
    }

    /**
     * A member's window tick.
     *
     * @param task the task
     * @param watermarkMs its watermark, ms (only read if changed)
     * @param idle whether it is idle (only read if changed)
     * @param changed whether either changed since the task last told the group
     * @param collector the task's collector, which sends the round's frames if this tick ends it
     */
    synchronized void tick(String task, long watermarkMs, boolean idle, boolean changed, MessageCollector collector) {
      if (!members.contains(task)) {
        if (changed) { // a task that ended and still ticks: nothing waits for it, so no round either
          sendNow(task, watermarkMs, idle, collector);
        }
        return;
      }
      if (ticked.contains(task)) {
        flush(collector); // a member missed the last round (its tick was skipped): hold nothing longer
      }
      ticked.add(task);
      if (changed) {
        pending.put(task, new long[] {watermarkMs, idle ? 1 : 0});
      }
      if (ticked.size() >= members.size()) {
        flush(collector);
      }
    }

    /**
     * Sends a task's watermark now, with whatever the round has gathered: the end of its input,
     * which downstream tasks wait for to end. The task stops being waited for in rounds (it has
     * nothing more to say).
     */
    synchronized void sendNow(String task, long watermarkMs, boolean idle, MessageCollector collector) {
      pending.put(task, new long[] {watermarkMs, idle ? 1 : 0});
      members.remove(task);
      ticked.remove(task);
      flush(collector);
    }

    private void flush(MessageCollector collector) {
      ticked.clear();
      if (pending.isEmpty()) {
        return;
      }
      if (partitionKeys == null) {
        partitionKeys = RepartitionSinkOp.partitionKeys(partitions.getAsInt());
      }
      byte[] frame = frame(pending);
      pending.clear();
      for (byte[] pk : partitionKeys) {
        collector.send(new OutgoingMessageEnvelope(stream, pk, null, frame));
      }
    }
  }

  /**
   * {@code [0x04][entries, 2]} then per entry {@code [watermark, 8][idle, 1][task name length, 2][task name, UTF-8]}.
   *
   * @param entries upstream task name to {watermark, idle 0/1}
   */
  static byte[] frame(Map<String, long[]> entries) {
    if (entries.size() > 0xffff) {
      throw new IllegalStateException(entries.size() + " tasks in one control frame; at most 65535");
    }
    byte[][] names = new byte[entries.size()][];
    int size = 3;
    int i = 0;
    for (String task : entries.keySet()) {
      names[i] = task.getBytes(StandardCharsets.UTF_8);
      size += 11 + names[i++].length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(Bytes.CONTROLS).putShort((short) entries.size());
    i = 0;
    for (long[] e : entries.values()) {
      b.putLong(e[0]).put((byte) e[1]).putShort((short) names[i].length).put(names[i++]);
    }
    return b.array();
  }

  /** What a frame's entries are given to. */
  interface Entries {
    void entry(String upstreamTask, long watermarkMs, boolean idle);
  }

  /**
   * Reads the entries of a frame ({@link #frame}), its tag already read.
   *
   * @throws java.nio.BufferUnderflowException if the frame is cut short
   */
  static void read(ByteBuffer frame, Entries to) {
    int n = Short.toUnsignedInt(frame.getShort());
    for (int i = 0; i < n; i++) {
      long wm = frame.getLong();
      boolean idle = frame.get() == 1;
      byte[] name = new byte[Short.toUnsignedInt(frame.getShort())];
      frame.get(name);
      to.entry(new String(name, StandardCharsets.UTF_8), wm, idle);
    }
  }
}
