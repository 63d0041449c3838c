package io.strand.changelog;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds a logged store's engine writes back while a local snapshot of the state at a commit's
 * barrier is taken on the committer's thread (issue 17: the snapshot, a RocksDB checkpoint that
 * flushes the memtable, took 0.3-3 s per commit on the run loop for eight stores and stalled every
 * record behind it). The snapshot must hold exactly the writes sent to the changelog up to the
 * barrier, because it is named by that changelog offset; so from {@link #shut} at the barrier until
 * {@link #open} after the checkpoint, a write to the engine below the logged layer waits.
 * Reads and changelog-only sends ({@link LoggedStore#logAll}) never wait. A task whose writes stay
 * in its object cache between commits (the usual case) therefore never waits at all.
 *
 * <p>Threading: {@link #shut} on the run loop at the barrier, {@link #open} on the thread that took
 * the snapshot (or on the run loop when the commit is abandoned), {@link #awaitOpen} on the task's
 * thread before each engine write. The gate is open unless a snapshot is pending.
 */
final class SnapshotGate {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition opened = lock.newCondition();
  private volatile boolean shut;

  /** At the barrier: engine writes from now on wait for {@link #open}. */
  void shut() {
    shut = true;
  }

  /** The snapshot was taken (or will not be): lets waiting writes go on. Idempotent. */
  void open() {
    lock.lock();
    try {
      shut = false;
      opened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** @return true while a snapshot is pending */
  boolean isShut() {
    return shut;
  }

  /**
   * Returns at once while open; otherwise waits until the pending snapshot was taken.
   *
   * @throws IllegalStateException if interrupted while waiting (the interrupt flag is kept)
   */
  void awaitOpen() {
    if (!shut) {
      return;
    }
    lock.lock();
    try {
      while (shut) {
        opened.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a store write waited for a local snapshot", e);
    } finally {
      lock.unlock();
    }
  }
}
