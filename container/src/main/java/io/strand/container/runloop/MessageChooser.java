package io.strand.container.runloop;

import io.strand.config.view.ChooserOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Picks the next input partition to take a message from, as Samza's tiered chooser: among
 * partitions with buffered data whose task can take a message now, the highest
 * {@code samza.priority} wins (bootstrap streams are implicitly highest); within one priority,
 * round robin, a turn of up to {@code task.consumer.batch.size} messages each (below). Under
 * {@link ChooserOrder#TIMESTAMP} a turn that falls to one of a task's partitions goes to
 * whichever of that task's partitions of the same priority has the
 * buffered message with the lowest timestamp (ties to the partition whose turn it is), as Kafka
 * Streams picks among a task's partitions; tasks still take turns, and each partition's messages
 * still go in offset order.
 *
 * <p>Timestamp order can only compare partitions that have something buffered. When a peer has
 * run dry while the consumer knows of records of it not yet fetched ({@link
 * TaskInput#recordsWaiting()}: lag above zero at the last poll, as Kafka Streams'
 * {@code max.task.idle.ms=0} asks {@code KafkaConsumer#currentLag}), the chooser notes it ({@link
 * #takeDryPeer()}) so the loop refetches it soon instead of letting the other partitions run ahead
 * until the next scheduled poll. A dry peer that is caught up (lag 0) is not noted: it causes no
 * poll, and the task's other partitions go on. Neither holds the task back (Kafka Streams waits
 * for the data the broker has; here the dry partition is refetched within about a millisecond
 * while the others go on).
 *
 * <p>Each priority level is a queue of ready partitions; a chosen partition goes to the back of
 * its queue after its message is dispatched, so choosing costs a queue rotation and no
 * allocation. Partitions whose task cannot take a message (busy, bootstrapping a different
 * stream, voted to stop) are rotated past.
 *
 * <p><b>Turns of several messages</b> ({@code task.consumer.batch.size}, {@link #MessageChooser(Iterable,
 * ChooserOrder, int)}): a partition whose turn it was may take up to that many messages in a row
 * before the next partition's turn, as long as it still has a buffered message its task accepts,
 * no input of a higher priority is queued, and (timestamp order) its head is still its task's
 * earliest. One message per turn, Samza's round robin, makes every dispatch go to another task
 * whose operators, stores and buffers are cold in the core's caches (with 8 tasks, each record
 * of the enrichment benchmark touched another task's table slot, watermark store and input ring);
 * a run of messages keeps them warm, and (since the tasks share one output producer) gives each
 * output partition a longer run of records between two drains of the producer, so fuller batches.
 * The default, {@link RunLoopSettings#DEFAULT_CHOOSER_BATCH_SIZE}, is 1,000, as Kafka Streams
 * processes a task's records in runs; 1 is Samza's round robin. What this does not change: each
 * partition's messages in offset order, the priorities (a higher-priority input queued ends the
 * run at once), the
 * timestamp order within a task, and that every ready partition gets a turn (after at most
 * batch size times the ready partitions' count of messages).
 *
 * <p>Threading: run loop thread only.
 */
final class MessageChooser {

  private final int[] priorities; // descending
  private final ArrayDeque<TaskInput>[] levels;
  private final TaskInput[] inputs;
  /** Messages a partition may take in a row per turn, at least 1. */
  private final int batchSize;
  /** The partition the last {@link #choose()} returned from the front of its queue, or null. */
  private TaskInput current;
  /** Messages {@link #current} took in its turn so far. */
  private int taken;
  /** A timestamp-ordered choice saw an open, dry peer with records waiting; see {@link #takeDryPeer()}. */
  private boolean dryPeer;

  /**
   * Creates a chooser for the given partitions' priorities.
   *
   * @param inputs every task input of the container
   */
  MessageChooser(Iterable<TaskInput> inputs) {
    this(inputs, ChooserOrder.ROUND_ROBIN);
  }

  /**
   * Creates a chooser for the given partitions' priorities and order, one message per turn
   * (Samza's round robin; the container's default is {@link RunLoopSettings#DEFAULT_CHOOSER_BATCH_SIZE}).
   *
   * @param inputs every task input of the container
   * @param order how a task's partitions of one priority take turns
   */
  MessageChooser(Iterable<TaskInput> inputs, ChooserOrder order) {
    this(inputs, order, 1);
  }

  /**
   * Creates a chooser for the given partitions' priorities and order, whose partitions take up to
   * {@code batchSize} messages per turn.
   *
   * @param inputs every task input of the container
   * @param order how a task's partitions of one priority take turns
   * @param batchSize messages a partition may take in a row per turn ({@code task.consumer.batch.size})
   * @throws IllegalArgumentException if {@code batchSize} is below 1, or an input's level does not
   *     match its priority
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  MessageChooser(Iterable<TaskInput> inputs, ChooserOrder order, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("the chooser's batch size must be at least 1, got " + batchSize);
    }
    this.batchSize = batchSize;
    List<TaskInput> all = new ArrayList<>();
    inputs.forEach(all::add);
    this.inputs = all.toArray(new TaskInput[0]);
    priorities = prioritiesDescending(all.stream().mapToInt(in -> in.priority).toArray());
    levels = new ArrayDeque[priorities.length];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = new ArrayDeque<>();
    }
    for (TaskInput in : this.inputs) {
      if (in.level != levelOf(in.priority, priorities)) {
        throw new IllegalArgumentException(in.ssp + " of task '" + in.task.name + "' has level " + in.level
            + " for priority " + in.priority + ", but the inputs' priorities " + Arrays.toString(priorities)
            + " put it at " + levelOf(in.priority, priorities));
      }
    }
    if (order == ChooserOrder.TIMESTAMP) {
      linkPeers(inputs);
    }
  }

  /** Gives each input the other inputs of its task with the same priority. */
  private static void linkPeers(Iterable<TaskInput> inputs) {
    for (TaskInput in : inputs) {
      List<TaskInput> peers = new ArrayList<>();
      for (TaskInput other : inputs) {
        if (other != in && other.task == in.task && other.priority == in.priority) {
          peers.add(other);
        }
      }
      in.peers(peers.toArray(new TaskInput[0]));
    }
  }

  /**
   * Offers a partition that has buffered data; no-op if it is already queued.
   *
   * @param in the partition
   */
  void offer(TaskInput in) {
    if (in.enqueue()) {
      levels[in.level].addLast(in);
    }
  }

  /**
   * Takes the next partition to dispatch from; the caller must {@link #offer} it again if it still
   * has data after the dispatch.
   *
   * @return the partition, or null if no partition with data can be dispatched to now
   */
  TaskInput choose() {
    TaskInput again = current != null && taken < batchSize ? again() : null;
    if (again != null) {
      taken++;
      return again;
    }
    current = null;
    for (ArrayDeque<TaskInput> q : levels) {
      for (int n = q.size(); n > 0; n--) {
        TaskInput in = q.pollFirst();
        if (!in.hasBuffered()) {
          in.dequeue();
          continue;
        }
        if (in.task.accepts(in)) {
          TaskInput earliest = in.peers().length == 0 ? in : earliest(in);
          if (earliest != in) {
            // The turn was in's: it keeps its place (at the back, as after any turn) while the
            // earliest peer, queued elsewhere since it has data, is dispatched from where it stands.
            q.addLast(in);
            return earliest;
          }
          in.dequeue();
          current = in;
          taken = 1;
          return in;
        }
        q.addLast(in);
      }
    }
    return null;
  }

  /**
   * The partition whose turn goes on, or null: the last one chosen, if it is back at the end of its
   * queue (re-offered after its dispatch, with data), its task accepts a message, no queue of a
   * higher priority holds anything, and (timestamp order) its head is its task's earliest.
   */
  private TaskInput again() {
    TaskInput in = current;
    ArrayDeque<TaskInput> q = levels[in.level];
    if (q.peekLast() != in || !in.hasBuffered() || !in.task.accepts(in)) {
      return null;
    }
    for (int i = 0; i < in.level; i++) {
      if (!levels[i].isEmpty()) {
        return null;
      }
    }
    if (in.peers().length > 0 && earliest(in) != in) {
      return null;
    }
    q.pollLast();
    in.dequeue();
    return in;
  }

  /**
   * The input among {@code in} and its peers whose buffered head has the lowest timestamp; notes a
   * peer that is still open, has nothing buffered, and has records waiting at the consumer.
   */
  private TaskInput earliest(TaskInput in) {
    TaskInput best = in;
    long bestTs = in.headTimestamp();
    for (TaskInput peer : in.peers()) {
      if (!peer.hasBuffered()) {
        if (peer.open() && peer.recordsWaiting()) {
          dryPeer = true;
        }
      } else if (peer.headTimestamp() < bestTs && in.task.accepts(peer)) {
        best = peer;
        bestTs = peer.headTimestamp();
      }
    }
    return best;
  }

  /**
   * Whether, since the last call, a timestamp-ordered choice saw a peer partition that is still
   * open, had nothing buffered (so the order could not take it into account) and has records
   * waiting at the consumer; clears the note.
   *
   * @return true when such a partition should be refetched
   */
  boolean takeDryPeer() {
    boolean was = dryPeer;
    dryPeer = false;
    return was;
  }

  /**
   * Whether the inputs still open ({@link TaskInput#open()}) have more than one priority. Inputs
   * never reopen, so once this is false it stays false: a container whose higher-priority inputs
   * all ended (a bounded table read first) has one level left, which needs no priority polls.
   *
   * @return true while open inputs of two or more priorities remain
   */
  boolean severalPrioritiesOpen() {
    int first = 0;
    boolean seen = false;
    for (TaskInput in : inputs) {
      if (in.open()) {
        if (!seen) {
          first = in.priority;
          seen = true;
        } else if (in.priority != first) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * How many distinct priorities the inputs have.
   *
   * @return at least 1 when there are inputs
   */
  int levels() {
    return levels.length;
  }

  /**
   * The distinct priorities of a container's inputs, highest first: the chooser's levels.
   *
   * @param priorities every input's priority, in any order, repeats allowed
   * @return each priority once, in descending order
   */
  static int[] prioritiesDescending(int[] priorities) {
    int[] distinct = Arrays.stream(priorities).distinct().sorted().toArray();
    int[] descending = new int[distinct.length];
    for (int i = 0; i < distinct.length; i++) {
      descending[i] = distinct[distinct.length - 1 - i];
    }
    return descending;
  }

  /**
   * The level index of a priority: its place in {@link #prioritiesDescending}.
   *
   * @param priority an input's priority
   * @param descending the container's priorities from {@link #prioritiesDescending}
   * @return 0 for the highest
   * @throws IllegalArgumentException if the priority is not among them
   */
  static int levelOf(int priority, int[] descending) {
    for (int i = 0; i < descending.length; i++) {
      if (descending[i] == priority) {
        return i;
      }
    }
    throw new IllegalArgumentException("priority " + priority + " is not among " + Arrays.toString(descending));
  }
}
