package io.strand.benchmarks.worker;

import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.progress.WorkerProtocol;
import io.strand.benchmarks.streams.StreamsTopologies;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Kafka Streams workload: starts the application, waits until it has processed the expected
 * records (throughput), until it is {@code RUNNING} after restoring (restore: the restored record
 * count comes from a {@link StateRestoreListener}'s batches), or until stdin closes (latency), then closes it.
 * The timed window ends after {@code close()}, which commits and flushes, as Strand's run ends
 * after its final commit.
 *
 * <p>Threading: the caller's thread polls; Kafka Streams brings its stream thread.
 */
final class StreamsWorkloads {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsWorkloads.class);
  private static final long TIMEOUT_MS = 15 * 60_000;

  private StreamsWorkloads() {
  }

  static Outcome run(WorkerSpec spec, StopSignal stop) throws InterruptedException {
    boolean restore = spec.workload().kind() == Kind.RESTORE;
    AtomicLong restored = new AtomicLong();
    // The restore phase: the first partition's restore start to the last one's end.
    AtomicLong restoreStart = new AtomicLong(Long.MAX_VALUE);
    AtomicLong restoreEnd = new AtomicLong(Long.MIN_VALUE);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    KafkaStreams streams = new KafkaStreams(StreamsTopologies.topology(spec), StreamsTopologies.properties(spec));
    streams.setUncaughtExceptionHandler(e -> {
      failure.compareAndSet(null, e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .SHUTDOWN_CLIENT;
    });
    streams.setGlobalStateRestoreListener(new StateRestoreListener() {
      @Override
      public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
        restoreStart.accumulateAndGet(System.nanoTime(), Math::min);
      }

      @Override
      public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long records) {
        restored.addAndGet(records); // per batch, so progress is visible while a partition restores
      }

      @Override
      public void onRestoreEnd(TopicPartition tp, String store, long total) {
        restoreEnd.accumulateAndGet(System.nanoTime(), Math::max);
      }
    });
    if (restore) {
      Progress.start();
    }
    streams.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    try {
      if (restore || stop != null) {
        awaitRunning(streams, failure, deadline);
        // RUNNING may be reported before the last restore callback: wait for the whole changelog
        // (or, should local state have let it replay less, for a quiet second with nothing restoring).
        long lastChange = System.nanoTime();
        long seen = restored.get();
        while (restore && restored.get() < spec.expectedRecords()
            && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(1)) {
          check(streams, failure, deadline);
          Thread.sleep(5);
          if (restored.get() != seen) {
            seen = restored.get();
            lastChange = System.nanoTime();
          }
        }
        if (stop != null) {
          WorkerProtocol.emit(WorkerProtocol.READY);
          stop.await(TIMEOUT_MS);
        }
      } else {
        while (Progress.processed() < spec.expectedRecords()) {
          check(streams, failure, deadline);
          Thread.sleep(5); // a poll interval: the stream thread does the work
        }
      }
    } finally {
      // Leave the group: the restore run reuses the application id and must not wait out the
      // departed member's session timeout (45 s) before it gets the partitions.
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(60)));
    }
    long end = System.nanoTime();
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka Streams failed: " + failure.get(), failure.get());
    }
    if (restore) {
      if (restoreStart.get() == Long.MAX_VALUE || restoreEnd.get() < restoreStart.get()) {
        throw new IllegalStateException("Kafka Streams reported no restore start and end: cannot time the restore");
      }
      // The restore phase itself, as the plain read times its reading only (and Strand its restore).
      LOG.info("Restore phase {} ms; start to closed {} ms", (restoreEnd.get() - restoreStart.get()) / 1_000_000,
          (end - Progress.startNanos()) / 1_000_000);
      return new Outcome(restored.get(), restoreStart.get(), restoreEnd.get());
    }
    return new Outcome(Progress.processed(), Progress.startNanos(), end);
  }

  private static void awaitRunning(KafkaStreams streams, AtomicReference<Throwable> failure, long deadline)
      throws InterruptedException {
    while (streams.state() != KafkaStreams.State.RUNNING) {
      check(streams, failure, deadline);
      Thread.sleep(5);
    }
  }

  private static void check(KafkaStreams streams, AtomicReference<Throwable> failure, long deadline) {
    if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR
        || streams.state() == KafkaStreams.State.NOT_RUNNING) {
      throw new IllegalStateException("Kafka Streams stopped (" + streams.state() + "): " + failure.get());
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("Kafka Streams did not finish within " + TIMEOUT_MS + " ms");
    }
  }
}
