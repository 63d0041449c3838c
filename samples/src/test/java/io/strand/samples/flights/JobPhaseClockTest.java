package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.progress.JobProgress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JobPhaseClockTest {

  @Test
  void notesWhenTheFirstRecordWasProcessedAndNothingBefore() throws InterruptedException {
    AtomicLong processed = new AtomicLong();
    try (JobPhaseClock clock = JobPhaseClock.start(() -> Optional.of(
        new JobProgress(JobProgress.Phase.PROCESSING, 0, 0, processed.get(), 10)))) {
      Thread.sleep(3 * JobPhaseClock.POLL_MS);
      assertFalse(clock.processingSinceNanos().isPresent(), "tasks exist but nothing was processed yet");
      long before = System.nanoTime();
      processed.set(1);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (clock.processingSinceNanos().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertTrue(clock.processingSinceNanos().isPresent(), "seen within the deadline");
      assertTrue(clock.processingSinceNanos().getAsLong() >= before);
    }
  }

  @Test
  void aJobWithoutProgressNeverStartsProcessing() throws InterruptedException {
    try (JobPhaseClock clock = JobPhaseClock.start(Optional::empty)) {
      Thread.sleep(3 * JobPhaseClock.POLL_MS);
      assertFalse(clock.processingSinceNanos().isPresent());
    }
  }
}
