package io.strand.container.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.strand.container.progress.JobProgress.Phase;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  private static JobProgress processing(long processed, long lag) {
    return new JobProgress(Phase.PROCESSING, 0, 0, processed, lag);
  }

  @Test
  void nothingWhileStarting() {
    assertNull(new ProgressLine(true).update(0, JobProgress.STARTING));
    assertNull(new ProgressLine(true).summary(1_000));
  }

  @Test
  void processingShowsCountRateLagAndEtaOfBoundedInputs() {
    ProgressLine line = new ProgressLine(true);
    line.update(0, processing(0, 100_000));
    line.update(1_000, processing(10_000, 90_000));

    assertEquals("Processing: 20,000 records, 10,000 records/s, lag 80,000, ETA 8.0 s",
        line.update(2_000, processing(20_000, 80_000)));
  }

  @Test
  void unboundedInputsHaveNoEta() {
    ProgressLine line = new ProgressLine(false);
    line.update(0, processing(0, 10));

    assertEquals("Processing: 500 records, 500 records/s, lag 10", line.update(1_000, processing(500, 10)));
  }

  @Test
  void theRateCoversTheLastFiveSeconds() {
    ProgressLine line = new ProgressLine(true);
    line.update(0, processing(0, 0));
    for (long t = 1; t <= 10; t++) {
      // 1,000 records/s for 5 s, then 3,000 records/s
      line.update(t * 1_000, processing(t <= 5 ? t * 1_000 : 5_000 + (t - 5) * 3_000, 1_000));
    }

    assertEquals("Processing: 23,000 records, 3,000 records/s, lag 0, ETA 0 s",
        line.update(11_000, processing(23_000, 0)));
  }

  @Test
  void countsNeverGoBackAndNoRateMeansUnknownEta() {
    ProgressLine line = new ProgressLine(true);
    line.update(0, processing(1_000, 50));

    // a reading taken while a container removed its meters
    assertEquals("Processing: 1,000 records, 0 records/s, lag 50, ETA unknown",
        line.update(1_000, processing(400, 50)));
  }

  @Test
  void restoringShowsShareRateAndEta() {
    ProgressLine line = new ProgressLine(true);
    line.update(0, new JobProgress(Phase.RESTORING, 0, 1_000_000, 0, 0));

    assertEquals("Restoring: 250,000 / 1,000,000 records (25 %), 125,000 records/s, ETA 6.0 s",
        line.update(2_000, new JobProgress(Phase.RESTORING, 250_000, 1_000_000, 0, 0)));
  }

  @Test
  void theSummarySaysWhatWasRestoredAndProcessedInHowLong() {
    ProgressLine line = new ProgressLine(true);
    line.update(0, new JobProgress(Phase.RESTORING, 0, 3_000, 0, 0));
    line.update(1_500, new JobProgress(Phase.PROCESSING, 3_000, 3_000, 0, 100));
    line.update(3_500, new JobProgress(Phase.PROCESSING, 3_000, 3_000, 100, 0));

    assertEquals("Restored 3,000 records in 1.5 s; Processed 100 records in 2.0 s (50 records/s)",
        line.summary(3_500));
  }

  @Test
  void durationsReadLikePeopleSayThem() {
    assertEquals("850 ms", ProgressLine.duration(850));
    assertEquals("12.3 s", ProgressLine.duration(12_340));
    assertEquals("2 min 05 s", ProgressLine.duration(125_000));
    assertEquals("1 h 02 min", ProgressLine.duration(3_720_000));
  }
}
