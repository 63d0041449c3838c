package io.strand.container.transaction;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WARN line of a container whose transaction lost a produce that the Kafka client retried
 * until {@code delivery.timeout.ms} ({@link TransactionalProducer#isExpiredProduce}). The same
 * expiry reaches the container twice: first as the failed send's callback (the producer pool's,
 * whose error names the partition and the batch's age), then as the failed commit (the client's
 * {@code TransactionAbortableException}, whose cause chain names them too). Whichever comes first
 * logs it, once per producer, without a stack: the container's failure report has the stack.
 *
 * <p>The line begins with {@link TransactionalProducer#PRODUCE_EXPIRED}, which the kill tests look
 * for to tell this known broker problem (KAFKA-15591 on Kafka 4.4) from other restarts.
 *
 * <p>Threading: thread-safe; the pool's callback runs on the producer's I/O thread, a commit on the
 * run loop's.
 */
final class ExpiredProduceWarning {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducer.class);

  private final String who;
  private final String transactionalId;
  private final AtomicBoolean logged = new AtomicBoolean();

  /**
   * @param who "job ... container ..." for the log line
   * @param transactionalId the producer's {@code transactional.id}
   */
  ExpiredProduceWarning(String who, String transactionalId) {
    this.who = who;
    this.transactionalId = transactionalId;
  }

  /**
   * Logs the warning if the error is an expired produce and none was logged before.
   *
   * @param what what met the error, for example {@code "a send to topic t partition 3"}
   * @param error the error of a send or a transaction call
   * @return whether this call logged it: false for any other error, and after the first
   */
  boolean logOnce(String what, Throwable error) {
    if (!TransactionalProducer.isExpiredProduce(error)) {
      return false;
    }
    boolean first = logged.compareAndSet(false, true);
    if (first) {
      // Known cause on Kafka 4.4: a first produce to a partition where the broker has no state for
      // this producer got a retriable error while the next request of the same producer there was
      // appended; the first one's retries then get OUT_OF_ORDER_SEQUENCE_NUMBER until they expire
      // (KAFKA-15591, fixed in Kafka 4.5). The transaction aborts; nothing of it is visible.
      LOG.warn("{}: {} ({}); {}: {}; the Sender's warnings above name the broker's error (OUT_OF_ORDER_SEQUENCE_NUMBER"
          + " after a reordered first produce to a partition is KAFKA-15591, fixed in Kafka 4.5)", who,
          TransactionalProducer.PRODUCE_EXPIRED, transactionalId, what, TransactionalProducer.causeChain(error));
    }
    return first;
  }
}
