package io.strand.container.output;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.container.kafka.KafkaSystem;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.transaction.TransactionSettings;
import io.strand.container.transaction.TransactionalProducer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * The container's producers, one per Kafka system it sends to, created on first use. Every send
 * goes through {@link #callback()}, one shared instance (no allocation per send) that remembers
 * the first failed send; the commit path calls {@link #flush()}, which waits for every
 * acknowledgement and then throws if any send since the start failed, so no checkpoint ever covers
 * lost output.
 *
 * <p>Under exactly-once ({@link TransactionSettings} given) the pool holds one transactional
 * producer, on the transaction's system, made and registered by {@link #startTransactions()} before
 * anything else is read or written; every send of the container goes through it, inside the open
 * transaction, and a send to another system is refused (a transaction cannot span clusters).
 *
 * <p>Under at-least-once each producer sends on a thread of its own by default
 * ({@value #SEND_THREAD}, {@link SendHandOff}): a task's send checks the record's size and queues
 * it, and the producer's accumulator append and compression run on that thread. {@link #flush()}
 * first waits for what was queued before it, so the commit contract above is unchanged.
 *
 * <p>Threading: thread-safe; producers are shared by every task thread.
 */
public final class ProducerPool implements AutoCloseable {

  private final KafkaSystems systems;
  private final String clientIdPrefix;
  private final Optional<TransactionSettings> transactions;
  private final String who;
  private volatile TransactionalProducer transactional;
  private final Map<String, Producer<byte[], byte[]>> producers = new ConcurrentHashMap<>();
  private final AtomicReference<SendFailure> firstFailure = new AtomicReference<>();
  private final Callback callback = this::onCompletion;
  private volatile boolean closed;
  /** Producers whose linger is worth ending once the input is drained ({@link #sendLingering()}). */
  private final Map<String, Producer<byte[], byte[]>> lingering = new ConcurrentHashMap<>();
  /** Ends their linger off the run loop; null under exactly-once. */
  private final LingerCut lingerCut;
  /** Whether producers send on their own thread: {@link #SEND_THREAD}, and at-least-once. */
  private final boolean sendThread;
  /** {@link #SEND_IDLE_US} in ns. */
  private final long sendIdleNanos;

  /**
   * Least {@code linger.ms} that {@link #sendLingering()} ends early: a shorter linger costs a job
   * less than its consumer's fetch wait, and cutting it would only add flushes.
   */
  public static final long LINGER_CUT_MIN_MS = 5;

  /**
   * Config key: whether each producer sends on a thread of its own under at-least-once
   * ({@link SendHandOff}); ignored under exactly-once, whose transactional producer sends on the
   * task's thread. Default {@value #DEFAULT_SEND_THREAD}. Samza's {@code KafkaSystemProducer} and
   * Kafka Streams' {@code RecordCollectorImpl} both call {@code KafkaProducer.send} on the task's
   * thread; the hand-off lets the accumulator append and the batch compression use a second core.
   */
  public static final String SEND_THREAD = "strand.producer.send.thread";
  /** Default of {@link #SEND_THREAD}. */
  public static final boolean DEFAULT_SEND_THREAD = true;
  /**
   * Config key: how long a send thread's queue stays empty before the thread stops pausing
   * (0.1 ms at a time) and waits to be woken by the next send, µs ({@link SendHandOff}). Default
   * {@value #DEFAULT_SEND_IDLE_US}.
   */
  public static final String SEND_IDLE_US = "strand.producer.send.thread.idle.us";
  /** Default of {@link #SEND_IDLE_US}. */
  public static final long DEFAULT_SEND_IDLE_US = SendHandOff.DEFAULT_IDLE_NANOS / 1_000;
  /** Records each send thread's queue holds before a send waits ({@link SendHandOff}). */
  static final int SEND_QUEUE_RECORDS = 1024;

  /** A failed send: where it was going and why. */
  private record SendFailure(String destination, Exception error) { }

  /**
   * A pool over the job's systems.
   *
   * @param systems the job's Kafka systems
   * @param clientIdPrefix prefix of the producers' client ids, naming job and container
   */
  public ProducerPool(KafkaSystems systems, String clientIdPrefix) {
    this(systems, clientIdPrefix, Optional.empty(), clientIdPrefix, DEFAULT_SEND_THREAD);
  }

  /**
   * {@value #SEND_THREAD} from the job config.
   *
   * @param config the job config
   * @return whether producers send on their own thread under at-least-once
   * @throws ConfigException if the value is not a boolean
   */
  public static boolean sendThread(Config config) {
    return config.getBoolean(SEND_THREAD, DEFAULT_SEND_THREAD);
  }

  /**
   * {@value #SEND_IDLE_US} from the job config.
   *
   * @param config the job config
   * @return µs a send thread's queue stays empty before it waits to be woken
   * @throws ConfigException if the value is not a number
   */
  public static long sendIdleMicros(Config config) {
    return config.getLong(SEND_IDLE_US, DEFAULT_SEND_IDLE_US);
  }

  /**
   * A pool over the job's systems, transactional under exactly-once, with {@value #SEND_THREAD}
   * at its default.
   *
   * @param systems the job's Kafka systems
   * @param clientIdPrefix prefix of the producers' client ids, naming job and container
   * @param transactions the container's transaction settings; empty under at-least-once
   * @param who "job ... container ..." for errors
   */
  public ProducerPool(KafkaSystems systems, String clientIdPrefix, Optional<TransactionSettings> transactions,
      String who) {
    this(systems, clientIdPrefix, transactions, who, DEFAULT_SEND_THREAD);
  }

  /**
   * A pool over the job's systems, transactional under exactly-once.
   *
   * @param systems the job's Kafka systems
   * @param clientIdPrefix prefix of the producers' client ids, naming job and container
   * @param transactions the container's transaction settings; empty under at-least-once
   * @param who "job ... container ..." for errors
   * @param sendThread {@value #SEND_THREAD}: whether each producer sends on a thread of its own;
   *     ignored under exactly-once
   */
  public ProducerPool(KafkaSystems systems, String clientIdPrefix, Optional<TransactionSettings> transactions,
      String who, boolean sendThread) {
    this(systems, clientIdPrefix, transactions, who, sendThread, DEFAULT_SEND_IDLE_US);
  }

  /**
   * A pool over the job's systems, transactional under exactly-once.
   *
   * @param systems the job's Kafka systems
   * @param clientIdPrefix prefix of the producers' client ids, naming job and container
   * @param transactions the container's transaction settings; empty under at-least-once
   * @param who "job ... container ..." for errors
   * @param sendThread {@value #SEND_THREAD}: whether each producer sends on a thread of its own;
   *     ignored under exactly-once
   * @param sendIdleMicros {@value #SEND_IDLE_US}: how long a send thread's queue stays empty before it
   *     waits to be woken, µs
   */
  public ProducerPool(KafkaSystems systems, String clientIdPrefix, Optional<TransactionSettings> transactions,
      String who, boolean sendThread, long sendIdleMicros) {
    this.sendIdleNanos = Math.max(0, sendIdleMicros) * 1_000;
    this.systems = systems;
    this.sendThread = sendThread && transactions.isEmpty();
    this.clientIdPrefix = clientIdPrefix;
    this.transactions = transactions;
    this.who = who;
    // Under exactly-once outputs become visible at the transaction's commit, which waits for every
    // send anyway: ending the linger earlier would gain a reader nothing.
    this.lingerCut = transactions.isPresent() ? null : new LingerCut(lingering::values, clientIdPrefix + "-linger-cut");
  }

  /**
   * Under exactly-once, makes the transactional producer, fences older instances of the container
   * and opens the first transaction; must run before the container reads its checkpoints, so that
   * a transaction an older instance left open is aborted (or committed) first. Does nothing under
   * at-least-once.
   *
   * @throws io.strand.container.errors.ContainerFailedException if the producer cannot start
   */
  public void startTransactions() {
    transaction().ifPresent(TransactionalProducer::start);
  }

  /**
   * The transactional producer, under exactly-once.
   *
   * @return the producer, made on first call; empty under at-least-once
   */
  public Optional<TransactionalProducer> transaction() {
    if (transactions.isEmpty()) {
      return Optional.empty();
    }
    TransactionalProducer t = transactional;
    if (t == null) {
      synchronized (this) {
        if (transactional == null) {
          TransactionSettings settings = transactions.get();
          Producer<byte[], byte[]> p = producers.computeIfAbsent(settings.system(), this::create);
          transactional = new TransactionalProducer(p, settings, who);
        }
        t = transactional;
      }
    }
    return Optional.of(t);
  }

  /**
   * The producer of one system, created on first call.
   *
   * @param system the system name
   * @return the producer, owned by this pool
   * @throws IllegalArgumentException if the system is not configured, or under exactly-once is not
   *     the transaction's system
   * @throws IllegalStateException if the pool is closed
   */
  public Producer<byte[], byte[]> forSystem(String system) {
    Producer<byte[], byte[]> p = producers.get(system);
    if (p != null) {
      return p;
    }
    if (transactions.isPresent()) {
      String txSystem = transactions.get().system();
      if (!txSystem.equals(system)) {
        throw new IllegalArgumentException("cannot send to system '" + system + "' under task.delivery.guarantee="
            + "exactly-once: a Kafka transaction cannot span systems, and this job's transactions are on system '"
            + txSystem + "' (task.checkpoint.system); send to streams of system '" + txSystem + "'");
      }
      return transaction().orElseThrow().producer();
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("producers of " + clientIdPrefix + " are closed");
      }
      return producers.computeIfAbsent(system, this::create);
    }
  }

  private Producer<byte[], byte[]> create(String system) {
    Map<String, Object> overrides = transactions.filter(t -> t.system().equals(system))
        .<Map<String, Object>>map(t -> Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, t.transactionalId(),
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.min(Integer.MAX_VALUE, t.timeoutMs())))
        .orElse(Map.of());
    try {
      KafkaSystem settings = systems.get(system);
      Producer<byte[], byte[]> p = settings.newProducer(clientIdPrefix + "-producer-" + system, overrides);
      if (sendThread) {
        p = new SendHandOff(p, settings.producerMaxRequestSize(), settings.producerBufferMemory(), SEND_QUEUE_RECORDS,
            clientIdPrefix + "-send-" + system, sendIdleNanos);
      }
      if (lingerCut != null && settings.producerLingerMs() >= LINGER_CUT_MIN_MS) {
        lingering.put(system, p);
      }
      return p;
    } catch (ConfigException e) {
      throw new IllegalArgumentException("cannot send to system '" + system + "': " + e.getMessage(), e);
    }
  }

  /**
   * Sends what the producers hold now instead of after their linger: for the run loop, once it
   * has drained its input (nothing buffered, no lag). Returns at once; the sends happen on a
   * thread of the pool's ({@link LingerCut}). Does nothing under exactly-once, and for producers
   * lingering less than {@value #LINGER_CUT_MIN_MS} ms.
   */
  public void sendLingering() {
    if (lingerCut != null && !lingering.isEmpty()) {
      lingerCut.request();
    }
  }

  /**
   * The callback to pass with every send.
   *
   * @return one shared callback
   */
  public Callback callback() {
    return callback;
  }

  private void onCompletion(RecordMetadata metadata, Exception error) {
    if (error != null) {
      String where = metadata == null ? "a topic" : metadata.topic() + " partition " + metadata.partition();
      recordFailure(where, error);
    }
  }

  /**
   * Records a failed send made with a callback of the caller's own (the shared one records its
   * failures itself), so the next {@link #flush()} throws; only the first failure is kept. Under
   * exactly-once the transactional producer hears of each ({@link TransactionalProducer#sendFailed}),
   * which logs a produce that expired after {@code delivery.timeout.ms}.
   *
   * @param destination what the send was for, for the error message (for example
   *     {@code dead-letter stream kafka.dlq (the record at ...)})
   * @param error the producer's error
   */
  public void recordFailure(String destination, Exception error) {
    firstFailure.compareAndSet(null, new SendFailure(destination, error));
    TransactionalProducer t = transactional;
    if (t != null) {
      t.sendFailed(destination, error);
    }
  }

  /**
   * Flushes every producer and waits for every acknowledgement.
   *
   * @throws SendFailedException if any send since the pool was created failed
   */
  public void flush() {
    for (Producer<byte[], byte[]> p : producers.values()) {
      p.flush();
    }
    checkNoFailure();
  }

  /**
   * Throws if any send has failed so far, without flushing.
   *
   * @throws SendFailedException naming the destination and the error of the first failed send
   */
  public void checkNoFailure() {
    SendFailure f = firstFailure.get();
    if (f != null) {
      // Too large for the broker (the topic's max.message.bytes) after it was sent: the sending
      // task is not known any more, but the fix is.
      String advice = f.error() instanceof RecordTooLargeException
          ? "; raise the topic's max.message.bytes (and the producer's max.request.size) or send smaller records" : "";
      String cause = transactions.isPresent() && TransactionalProducer.isFencing(f.error())
          ? TransactionalProducer.explain(f.error(), transactions.get()) : f.error().toString();
      throw new SendFailedException("a send to " + f.destination() + " failed: " + cause + advice, f.error());
    }
  }

  /**
   * Closes every producer. Under exactly-once the open transaction is aborted first: on a failure
   * path so {@code read_committed} readers are not held up until the broker's transaction timeout,
   * and after a clean stop (when it holds nothing: the final commit committed everything and
   * opened it) because a Kafka producer closed with a transaction open waits out its close timeout
   * before it gives up on it.
   *
   * @param timeout how long to let pending sends finish; zero on failure paths
   */
  public void close(Duration timeout) {
    TransactionalProducer t;
    synchronized (this) {
      closed = true;
      t = transactional;
    }
    if (t != null) {
      t.abort();
    }
    if (lingerCut != null) {
      lingerCut.close();
    }
    lingering.clear();
    for (Producer<byte[], byte[]> p : producers.values()) {
      p.close(timeout);
    }
    producers.clear();
  }

  /** Closes every producer, giving pending sends up to 30 s. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
