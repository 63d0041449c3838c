package io.strand.container.transaction;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.junit.jupiter.api.Test;

/**
 * The expired-produce warning is logged once per producer, whichever of the failed send and the
 * failed commit that carries the same expiry reports it first, and never for another error.
 */
class ExpiredProduceWarningTest {

  // The client's own texts (kafka-clients 4.4: ProducerBatch, TransactionManager).
  private static final TimeoutException EXPIRY = new TimeoutException(
      "Expiring 12 record(s) for flights-hourly-3:120001 ms has passed since batch creation");
  private static final TransactionAbortableException ABORTABLE = new TransactionAbortableException(
      "Transaction Request was aborted after exhausting retries.", EXPIRY);

  @Test
  void theSendsExpiryLogsAndTheCommitThatFollowsDoesNot() {
    ExpiredProduceWarning w = new ExpiredProduceWarning("job j container 0", "strand-j-1-0");
    assertTrue(w.logOnce("a send to flights-hourly partition 3", EXPIRY));
    assertFalse(w.logOnce("the transaction's commit failed", ABORTABLE));
    assertFalse(w.logOnce("a send to flights-hourly partition 4", EXPIRY));
  }

  @Test
  void aCommitsExpiryLogsWhenNoSendReportedIt() {
    ExpiredProduceWarning w = new ExpiredProduceWarning("job j container 0", "strand-j-1-0");
    assertTrue(w.logOnce("the transaction's commit failed", ABORTABLE));
    assertFalse(w.logOnce("a send to flights-hourly partition 3", EXPIRY));
  }

  @Test
  void otherErrorsNeitherLogNorUseTheOneWarning() {
    ExpiredProduceWarning w = new ExpiredProduceWarning("job j container 0", "strand-j-1-0");
    assertFalse(w.logOnce("a send", new ProducerFencedException("fenced")));
    assertFalse(w.logOnce("the commit", new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)")));
    assertTrue(w.logOnce("a send to flights-hourly partition 3", EXPIRY));
  }
}
