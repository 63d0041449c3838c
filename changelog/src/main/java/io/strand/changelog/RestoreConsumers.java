package io.strand.changelog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore consumers of one {@link ContainerStorage#restoreAll}: one per restore thread (replay
 * threads, and the store thread that looks up offsets) and
 * system, made on the thread's first store and reused for the next ones (a consumer costs tens of
 * ms to make and to learn the cluster's metadata, once per store instance before), all closed
 * when the restore ends. Their settings ({@link #consumerOverrides}) suit reading a backlog.
 *
 * <p>Threading: {@link #forCurrentThread} from restore threads, each getting its own consumer
 * (consumers are not thread-safe); {@link #close} once the restore threads have stopped.
 */
final class RestoreConsumers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreConsumers.class);

  private final ChangelogClients clients;
  private final IsolationLevel isolation;
  private final String clientIdPrefix;
  private final AtomicInteger made = new AtomicInteger();
  private final Map<Thread, Map<String, Consumer<byte[], byte[]>>> byThread = new ConcurrentHashMap<>();

  /**
   * No consumer yet.
   *
   * @param clients makes the consumers
   * @param isolation their isolation level
   * @param clientIdPrefix their client ids' prefix, a number is appended
   */
  RestoreConsumers(ChangelogClients clients, IsolationLevel isolation, String clientIdPrefix) {
    this.clients = clients;
    this.isolation = isolation;
    this.clientIdPrefix = clientIdPrefix;
  }

  /**
   * The calling thread's consumer of a system, made on first use; its assignment and position are
   * whatever the thread's last restore left, so the caller assigns and seeks.
   *
   * @param system the changelog's system
   * @return the consumer, owned by this object
   */
  Consumer<byte[], byte[]> forCurrentThread(String system) {
    Map<String, Consumer<byte[], byte[]>> mine = byThread.computeIfAbsent(Thread.currentThread(), t -> new HashMap<>());
    return mine.computeIfAbsent(system, s -> clients.newConsumer(s,
        consumerOverrides(clientIdPrefix + "-" + made.incrementAndGet(), isolation)));
  }

  /**
   * The restore consumer's settings: large batches for throughput, byte arrays, no group.
   *
   * @param clientId the consumer's client id
   * @param isolation read_committed under exactly-once, else read_uncommitted
   * @return the settings to apply over the system's own
   */
  static Map<String, Object> consumerOverrides(String clientId, IsolationLevel isolation) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
    // A restore reads a backlog, so every fetch fills up to the max bytes anyway. A fetch at the
    // end of a partition has nothing to return and the broker holds it for fetch.max.wait.ms, and
    // the next store's offset lookups on the same connection queue behind it: keep it short.
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return props;
  }

  /** Closes every consumer; a failure to close one is logged, the others are still closed. */
  @Override
  public void close() {
    List<Consumer<byte[], byte[]>> all = new ArrayList<>();
    byThread.values().forEach(m -> all.addAll(m.values()));
    byThread.clear();
    for (Consumer<byte[], byte[]> consumer : all) {
      try {
        consumer.close();
      } catch (RuntimeException e) {
        LOG.warn("Could not close a restore consumer: {}", e.toString());
      }
    }
  }
}
