package io.strand.container.transaction;

import io.strand.container.errors.ContainerFailedException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's transactional producer under exactly-once: {@link #start()} registers its
 * {@code transactional.id} with the broker (which fences any older producer with that id and
 * aborts its open transaction) and opens the first transaction; each {@link #commit} commits the
 * open transaction, with the consumer group offsets it covers, and opens the next. A transaction is
 * open at every moment between commits, so every send (outputs, changelog records, dead letters,
 * checkpoints) is part of one.
 *
 * <p>Failures name the job, the container and what to do: a producer fenced by a newer instance of
 * the same container ({@link #isFencing}) can commit nothing more, and fails the container; a
 * timed-out or failed commit fails it too. The runner's restart policy applies in every case: the
 * same error types also report the broker's abort of a transaction that outlived
 * {@code transaction.timeout.ms}, which a restart fixes, and a restarted instance in turn fences
 * whichever instance of the container runs then. In every case nothing of
 * the open transaction becomes visible to {@code read_committed} readers. Other failures are
 * logged once at WARN with their cause chain and no stack: a produce the client retried until
 * {@code delivery.timeout.ms} ({@link #isExpiredProduce}) fails a commit with a generic
 * "aborted after exhausting retries", and only the chain names the partition and the batch's age.
 * That one is logged once per producer, by whichever of the failed send ({@link #sendFailed}) and the
 * failed commit comes first ({@link ExpiredProduceWarning}).
 *
 * <p>Threading: {@link #start()}, {@link #commit} and {@link #abort()} on one thread at a time (the
 * container's, then its run loop's), with no send in flight; the producer itself is thread-safe
 * for sends from task threads; {@link #sendFailed} from the producer's I/O thread.
 */
public final class TransactionalProducer {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducer.class);

  /** How {@link #explain} begins for a fencing error. */
  public static final String FENCED = "fenced: another instance of this container";

  /**
   * Begins the WARN line of a transaction that failed because one of its produce requests was
   * retried until {@code delivery.timeout.ms} (the client's batch expiry, wrapped by the client in
   * {@code TransactionAbortableException: Transaction Request was aborted after exhausting retries}).
   */
  public static final String PRODUCE_EXPIRED = "exactly-once: a produce of the open transaction was retried until"
      + " delivery.timeout.ms";

  /** The Kafka client's message of a batch that expired in the producer (its partition and age follow). */
  private static final String BATCH_EXPIRY = "since batch creation";

  private final Producer<byte[], byte[]> producer;
  private final TransactionSettings settings;
  private final String who;
  private final ExpiredProduceWarning expiredProduce;
  private boolean started;
  private boolean fatal;

  /**
   * Wraps a producer made with {@code transactional.id} and {@code transaction.timeout.ms} from
   * {@code settings}; nothing is sent until {@link #start()}.
   *
   * @param producer the producer, owned by the caller
   * @param settings the container's transaction settings
   * @param who "job ... container ..." for errors and logs
   */
  public TransactionalProducer(Producer<byte[], byte[]> producer, TransactionSettings settings, String who) {
    this.producer = producer;
    this.settings = settings;
    this.who = who;
    this.expiredProduce = new ExpiredProduceWarning(who, settings.transactionalId());
  }

  /**
   * The producer, for sends inside the open transaction.
   *
   * @return the wrapped producer
   */
  public Producer<byte[], byte[]> producer() {
    return producer;
  }

  /**
   * The settings this producer runs with.
   *
   * @return the settings
   */
  public TransactionSettings settings() {
    return settings;
  }

  /**
   * Fences older instances of this container and opens the first transaction. Blocks until the
   * broker has aborted a transaction an older instance left open (up to {@code max.block.ms}).
   *
   * @throws ContainerFailedException if the broker refuses the transactional id or does not answer
   */
  public synchronized void start() {
    if (started) {
      return;
    }
    try {
      producer.initTransactions();
      producer.beginTransaction();
    } catch (KafkaException e) {
      fatal = true;
      throw failure("cannot start its transactional producer", e);
    }
    started = true;
    LOG.info("{}: exactly-once: transactional.id '{}' on system '{}' (transaction.timeout.ms={})", who,
        settings.transactionalId(), settings.system(), settings.timeoutMs());
  }

  /**
   * Adds consumer group offsets to the open transaction; they are committed with it (and never if
   * it aborts). Blocks for the broker's answer (a round trip to the group coordinator) while the
   * producer's own thread keeps sending the transaction's records.
   *
   * @param groupOffsets consumer group offsets (the next offset to read per partition of the
   *     transaction's system); nothing is sent when empty
   * @param groupId the job's consumer group
   * @throws ContainerFailedException if the broker refused them; the transaction must then be aborted
   */
  public synchronized void sendOffsets(Map<TopicPartition, OffsetAndMetadata> groupOffsets, String groupId) {
    if (!started || fatal) {
      throw new ContainerFailedException(who + ": exactly-once: no open transaction to add offsets to");
    }
    if (groupOffsets.isEmpty()) {
      return;
    }
    try {
      producer.sendOffsetsToTransaction(groupOffsets, new ConsumerGroupMetadata(groupId));
    } catch (KafkaException e) {
      throw failure("adding the consumer group offsets to the transaction failed; nothing of it is visible to"
          + " read_committed readers", e);
    }
  }

  /**
   * Commits the open transaction and opens the next one.
   *
   * @param groupOffsets consumer group offsets to commit inside the transaction (the next offset to
   *     read per partition of the transaction's system); may be empty
   * @param groupId the job's consumer group
   * @throws ContainerFailedException if the commit failed; the transaction is then aborted (or was
   *     aborted by the broker) and nothing of it is visible
   */
  public synchronized void commit(Map<TopicPartition, OffsetAndMetadata> groupOffsets, String groupId) {
    if (!started || fatal) {
      throw new ContainerFailedException(who + ": exactly-once: no open transaction to commit");
    }
    sendOffsets(groupOffsets, groupId);
    try {
      producer.commitTransaction();
      producer.beginTransaction();
    } catch (KafkaException e) {
      throw failure("the transaction's commit failed; nothing of it is visible to read_committed readers", e);
    }
  }

  /**
   * Aborts the open transaction before the producer is closed: on a failure path its records never
   * become visible; after a clean stop it holds nothing. Does nothing after a fencing or fatal error
   * (the broker has aborted it, or will when the next instance starts). Never throws.
   */
  public synchronized void abort() {
    if (!started || fatal) {
      return;
    }
    try {
      producer.abortTransaction();
      LOG.debug("{}: aborted the open transaction", who);
    } catch (RuntimeException e) {
      LOG.debug("{}: could not abort the open transaction (the next instance's start aborts it): {}", who,
          e.toString());
    } finally {
      fatal = true;
    }
  }

  /**
   * Closes the producer.
   *
   * @param timeout how long pending sends may take
   */
  public void close(Duration timeout) {
    producer.close(timeout);
  }

  /**
   * Whether an error means a newer instance of the same container took over, or the broker aborted
   * the open transaction (after {@code transaction.timeout.ms}): either way this producer can commit
   * nothing more.
   *
   * @param e an error from a send or a transaction call, or its cause
   * @return true for fencing errors (including {@code InvalidTxnStateException}, which a commit racing
   *     the coordinator's abort gets under transactions V2)
   */
  public static boolean isFencing(Throwable e) {
    return fencingCause(e).isPresent();
  }

  /**
   * The fencing error in an error's cause chain: whatever part of the container met it first (an
   * output or changelog send, a commit), it is why the container stops.
   *
   * @param e an error
   * @return the first fencing error among {@code e} and its causes, or empty if there is none
   */
  public static Optional<Throwable> fencingCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // InvalidTxnStateException: under transactions V2 a commit that meets the coordinator's abort
      // of the transaction (a new instance's fencing, or transaction.timeout.ms) gets INVALID_TXN_STATE
      // instead of PRODUCER_FENCED (KAFKA-20785); either way the transaction was rolled back and
      // this producer can commit nothing more.
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
          || t instanceof InvalidPidMappingException || t instanceof InvalidTxnStateException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Describes a transaction error for the container's failure message: fencing, a timeout, or the
   * error itself.
   *
   * @param e the error
   * @param settings the container's transaction settings
   * @return one sentence naming the cause and what to do
   */
  public static String explain(Throwable e, TransactionSettings settings) {
    if (isFencing(e)) {
      return FENCED + " started with transactional.id '" + settings.transactionalId()
          + "' (a restart, a replacement, or a duplicate run), or the broker aborted this one's transaction after "
          + "transaction.timeout.ms (" + settings.timeoutMs() + " ms); this instance stops and commits nothing more ("
          + e + ")";
    }
    if (e instanceof TransactionalIdAuthorizationException) {
      return "the broker refuses transactional.id '" + settings.transactionalId() + "': grant WRITE on that"
          + " transactional id (or the prefix 'strand-') to the job's principal (" + e + ")";
    }
    if (e instanceof TimeoutException) {
      return "Kafka did not answer in time (" + e.getMessage() + "); the open transaction is aborted";
    }
    return causeChain(e);
  }

  /**
   * An error and its causes on one line, outermost first: the client wraps the reason of a failed
   * transaction (a batch expiry naming the partition and the batch's age) in a generic
   * {@code TransactionAbortableException} whose own message says nothing.
   *
   * @param e the error
   * @return {@code "Type: message <- CauseType: message <- ..."}
   */
  public static String causeChain(Throwable e) {
    StringBuilder text = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
      if (depth > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  /**
   * Whether an error comes from a produce request that the client retried until
   * {@code delivery.timeout.ms} and then expired: the broker kept refusing it with a retriable error,
   * which the producer's {@code Sender} warnings before the failure name.
   *
   * @param e an error from a send or a transaction call
   * @return true if a {@code TimeoutException} with the client's batch-expiry text is in the chain
   */
  public static boolean isExpiredProduce(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException && String.valueOf(t.getMessage()).contains(BATCH_EXPIRY)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Notes a failed send of the open transaction, reported by the producer pool's callback: an
   * expired produce is logged at WARN here, or by the failed commit that follows, whichever comes
   * first, once ({@link ExpiredProduceWarning}).
   *
   * @param destination what the send was for, for example {@code "topic t partition 3"}
   * @param error the send's error
   */
  public void sendFailed(String destination, Exception error) {
    expiredProduce.logOnce("a send to " + destination, error);
  }

  private ContainerFailedException failure(String what, KafkaException e) {
    if (isFencing(e)) {
      fatal = true;
    } else if (isExpiredProduce(e)) {
      expiredProduce.logOnce(what, e);
    } else {
      LOG.warn("{}: exactly-once: {}: {}", who, what, causeChain(e));
    }
    return new ContainerFailedException(who + ": exactly-once: " + what + ": " + explain(e, settings), e);
  }
}
