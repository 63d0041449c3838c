package io.strand.container.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.junit.jupiter.api.Test;

/**
 * How a failed transaction is described: the Kafka client wraps a batch that expired after
 * {@code delivery.timeout.ms} in a {@code TransactionAbortableException} whose message says only
 * "aborted after exhausting retries"; the description must carry the partition and batch age.
 */
class TransactionalProducerErrorsTest {

  private static final TransactionSettings SETTINGS = new TransactionSettings("kafka", "strand-j-1-0", 60_000);

  // The client's own texts (kafka-clients 4.4: TransactionManager, ProducerBatch).
  private static final TimeoutException EXPIRY = new TimeoutException(
      "Expiring 12 record(s) for flights-hourly-3:120001 ms has passed since batch creation");
  private static final TransactionAbortableException ABORTABLE = new TransactionAbortableException(
      "Transaction Request was aborted after exhausting retries.", EXPIRY);

  @Test
  void theCauseChainOfAnAbortableCommitNamesTheExpiredPartitionAndTheBatchAge() {
    String text = TransactionalProducer.explain(ABORTABLE, SETTINGS);
    assertEquals("TransactionAbortableException: Transaction Request was aborted after exhausting retries. <- "
        + "TimeoutException: Expiring 12 record(s) for flights-hourly-3:120001 ms has passed since batch creation", text);
    assertTrue(TransactionalProducer.isExpiredProduce(ABORTABLE));
    assertTrue(TransactionalProducer.isExpiredProduce(EXPIRY));
  }

  @Test
  void otherTimeoutsAndFencingAreNotExpiredProduces() {
    assertFalse(TransactionalProducer.isExpiredProduce(new TimeoutException("Timeout expired after 60000ms while"
        + " awaiting EndTxn(true)")));
    assertFalse(TransactionalProducer.isExpiredProduce(new TransactionAbortableException("aborted",
        new ProducerFencedException("fenced"))));
    assertTrue(TransactionalProducer.explain(new ProducerFencedException("fenced"), SETTINGS)
        .startsWith(TransactionalProducer.FENCED));
  }
}
