package io.strand.container.runloop;

import java.util.ArrayDeque;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One input partition's buffered records, held as slices of the consumer's own per-partition
 * record lists ({@code ConsumerRecords.records(tp)}, never changed after the poll), taken in
 * order. The head slice is in fields, so a take is a list read and an index step; later slices
 * wait in a deque, one entry per poll rather than one per record.
 *
 * <p>Why (session 21, issue 17): the poller copied every record into a deque and the dispatch
 * took it out again, a write, a read and a clear of a deque cell per record: 3-4 % of the flights
 * job's task thread by JFR.
 *
 * <p>Threading: run loop thread only (owned by one {@link TaskInput}).
 */
final class RecordSlices {

  private List<ConsumerRecord<byte[], byte[]>> head;
  private int headNext;
  private int headEnd;
  private final ArrayDeque<Slice> waiting = new ArrayDeque<>();
  /** Records held: the head slice's rest and every waiting slice. */
  private int count;

  /**
   * Appends records {@code [from, to)} of one poll's list.
   *
   * @param records the consumer's records of the partition, in offset order, not changed afterwards
   * @param from the first to hold
   * @param to the end (exclusive); nothing is held when it is not above {@code from}
   */
  void add(List<ConsumerRecord<byte[], byte[]>> records, int from, int to) {
    if (to <= from) {
      return;
    }
    if (count == 0) {
      head = records;
      headNext = from;
      headEnd = to;
    } else {
      waiting.addLast(new Slice(records, from, to));
    }
    count += to - from;
  }

  /**
   * Takes the oldest record.
   *
   * @return the record, or null when none is held
   */
  ConsumerRecord<byte[], byte[]> take() {
    if (count == 0) {
      return null;
    }
    ConsumerRecord<byte[], byte[]> taken = head.get(headNext++);
    count--;
    if (headNext == headEnd) {
      nextSlice();
    }
    return taken;
  }

  /**
   * The oldest record, left in place.
   *
   * @return the record, or null when none is held
   */
  ConsumerRecord<byte[], byte[]> peek() {
    return count == 0 ? null : head.get(headNext);
  }

  /** @return the records held */
  int size() {
    return count;
  }

  /**
   * Drops every record held.
   *
   * @return how many were dropped
   */
  int clear() {
    int dropped = count;
    count = 0;
    waiting.clear();
    nextSlice();
    return dropped;
  }

  /** Moves the next waiting slice into the head fields, or empties them. */
  private void nextSlice() {
    Slice next = waiting.pollFirst();
    if (next == null) {
      head = null;
      headNext = 0;
      headEnd = 0;
    } else {
      head = next.records;
      headNext = next.from;
      headEnd = next.to;
    }
  }

  /** A slice of one poll's records waiting behind the head slice. */
  private record Slice(List<ConsumerRecord<byte[], byte[]>> records, int from, int to) {
  }
}
