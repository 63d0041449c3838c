package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.progress.JobProgress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class JobPhaseClockTest {

  private static final long DEADLINE_NS = 5_000_000_000L;

  @Test
  void notesWhenTheFirstRecordWasProcessedAndNothingBefore() {
    AtomicLong processed = new AtomicLong();
    AtomicInteger reads = new AtomicInteger();
    try (JobPhaseClock clock = JobPhaseClock.start(() -> {
      reads.incrementAndGet();
      return Optional.of(new JobProgress(JobProgress.Phase.PROCESSING, 0, 0, processed.get(), 10));
    })) {
      // The clock has read the progress several times, always with nothing processed.
      awaitTrue(() -> reads.get() >= 3, "the clock reads the progress");
      assertFalse(clock.processingSinceNanos().isPresent(), "tasks exist but nothing was processed yet");
      long before = System.nanoTime();
      processed.set(1);
      awaitTrue(() -> clock.processingSinceNanos().isPresent(), "seen within the deadline");
      assertTrue(clock.processingSinceNanos().getAsLong() >= before);
    }
  }

  @Test
  void aJobWithoutProgressNeverStartsProcessing() {
    AtomicInteger reads = new AtomicInteger();
    try (JobPhaseClock clock = JobPhaseClock.start(() -> {
      reads.incrementAndGet();
      return Optional.empty();
    })) {
      awaitTrue(() -> reads.get() >= 3, "the clock reads the progress");
      assertFalse(clock.processingSinceNanos().isPresent());
    }
  }

  /** Polls {@code condition} until it holds, failing after {@link #DEADLINE_NS}. */
  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + DEADLINE_NS;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + ": not within 5 s");
      Thread.onSpinWait();
    }
  }
}
