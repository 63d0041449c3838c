package io.strand.container.checkpoint;

import io.strand.container.kafka.KafkaSystems;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a job's input offsets to the Kafka consumer group {@code strand-<job.name>-<job.id>},
 * so stock Kafka tools ({@code kafka-consumer-groups --describe}, lag monitors) show the job's
 * progress and lag. The group never has members: Strand assigns partitions itself, and the
 * offsets are written with {@code Admin.alterConsumerGroupOffsets}, one request per system.
 *
 * <p>Only a mirror: the checkpoint topic is the source of truth (the mirror is read back, by
 * {@link #readCommitted}, only for tasks whose checkpoints are lost), so a failure here never fails
 * the caller's commit. It is logged at WARN once per failure streak (and at INFO when mirroring
 * works again). {@link #commit(Map)} does not wait for Kafka: it sends the request and returns;
 * while a request of a system is in flight, newer offsets of that system are merged and sent
 * when it completes (the newest offset per partition wins), so a slow broker never delays the
 * run loop nor piles up requests.
 *
 * <p>Threading: thread-safe; completions run on the admin clients' threads.
 */
public final class ConsumerGroupOffsets implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupOffsets.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final long CLOSE_WAIT_MS = 5_000;
  private static final long READ_TIMEOUT_MS = 30_000;

  private final KafkaSystems systems;
  private final String groupId;
  private final int instance = INSTANCES.incrementAndGet();
  private final Map<String, Mirror> mirrors = new HashMap<>();
  /** Per system, the answer {@link #prefetchCommitted} asked for and no read has taken yet. */
  private final Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> prefetched = new HashMap<>();
  private boolean closed;

  /**
   * Makes no client until the first commit.
   *
   * @param systems the job's systems
   * @param groupId the consumer group, {@link io.strand.container.job.JobIdentity#consumerGroup()}
   */
  public ConsumerGroupOffsets(KafkaSystems systems, String groupId) {
    this.systems = systems;
    this.groupId = groupId;
  }

  /**
   * Mirrors offsets: writes {@code lastProcessed + 1} (Kafka's committed offset is the next to
   * read) per partition. Returns at once; never throws.
   *
   * @param lastProcessed the offset of the last message processed per input partition, as in a
   *     {@link Checkpoint}
   */
  public void commit(Map<SystemStreamPartition, Long> lastProcessed) {
    Map<String, Map<TopicPartition, OffsetAndMetadata>> bySystem = new TreeMap<>();
    lastProcessed.forEach((ssp, offset) -> bySystem.computeIfAbsent(ssp.getSystem(), s -> new HashMap<>())
        .put(new TopicPartition(ssp.getStream(), ssp.partition().id()), new OffsetAndMetadata(offset + 1)));
    bySystem.forEach((system, offsets) -> {
      try {
        Mirror mirror = mirror(system);
        if (mirror != null) {
          mirror.offer(offsets);
        }
      } catch (RuntimeException e) {
        // For example a system that cannot make an admin client: still only a mirror.
        LOG.warn("Cannot mirror offsets of system '{}' to consumer group '{}': {}", system, groupId, e.toString());
      }
    });
  }

  /**
   * Sends the requests {@link #readCommitted} will block on, without waiting for their answers: the
   * container starts them as soon as it knows a task has no checkpoint, so the group coordinator's
   * lookup (on a new cluster, the creation of {@code __consumer_offsets}) overlaps the creation of
   * the changelog topics. The next {@link #readCommitted} of each system takes the answer.
   *
   * @param systemNames the systems to ask
   */
  public void prefetchCommitted(Set<String> systemNames) {
    for (String system : systemNames) {
      Mirror mirror = mirror(system);
      if (mirror != null) {
        synchronized (this) {
          prefetched.putIfAbsent(system,
              mirror.admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        }
      }
    }
  }

  private synchronized KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committedOffsets(String system,
      Mirror mirror) {
    KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> early = prefetched.remove(system);
    return early != null ? early : mirror.admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata();
  }

  /**
   * Reads the offsets the group has committed for some partitions: where the job resumes when its
   * checkpoints are lost (the mirror is written after every checkpoint, so it is at or behind the
   * last one). Blocks on one request per system, or takes the answer to the one
   * {@link #prefetchCommitted} sent.
   *
   * @param ssps the partitions to look up
   * @return the committed offset (the next to read) of each partition that has one; a partition
   *     the group has no offset for, or a system whose group offsets cannot be read (logged at
   *     WARN: the caller then goes on as if there were none), is absent
   */
  public Map<SystemStreamPartition, Long> readCommitted(Set<SystemStreamPartition> ssps) {
    Map<String, List<SystemStreamPartition>> bySystem = new TreeMap<>();
    ssps.forEach(ssp -> bySystem.computeIfAbsent(ssp.getSystem(), s -> new ArrayList<>()).add(ssp));
    Map<SystemStreamPartition, Long> committed = new TreeMap<>();
    bySystem.forEach((system, list) -> {
      Mirror mirror = mirror(system);
      if (mirror == null) {
        return;
      }
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets = committedOffsets(system, mirror)
            .get(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        for (SystemStreamPartition ssp : list) {
          OffsetAndMetadata o = offsets.get(new TopicPartition(ssp.getStream(), ssp.partition().id()));
          if (o != null && o.offset() >= 0) {
            committed.put(ssp, o.offset());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted reading the offsets of consumer group '" + groupId + "'", e);
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        LOG.warn("Cannot read the committed offsets of consumer group '{}' on system '{}': {}", groupId, system,
            cause.toString());
      }
    });
    return committed;
  }

  /**
   * Waits until every request sent so far (and every merged one) has completed, for tests and
   * shutdown.
   *
   * @param timeoutMs the longest wait in ms
   * @return true if idle, false if the wait timed out
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    Mirror[] all;
    synchronized (this) {
      all = mirrors.values().toArray(new Mirror[0]);
    }
    for (Mirror m : all) {
      if (!m.awaitIdle(deadline)) {
        return false;
      }
    }
    return true;
  }

  /** Waits up to 5 s for requests in flight, then closes the admin clients. Idempotent. */
  @Override
  public void close() {
    try {
      awaitIdle(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      closed = true;
      mirrors.values().forEach(m -> m.admin.close());
      mirrors.clear();
    }
  }

  private synchronized Mirror mirror(String system) {
    if (closed) {
      return null;
    }
    Mirror mirror = mirrors.get(system);
    if (mirror == null) {
      mirror = new Mirror(system,
          systems.get(system).newAdmin(groupId + "-offsets-" + system + "-" + instance));
      mirrors.put(system, mirror);
    }
    return mirror;
  }

  /** One system's requests: at most one in flight, the next one merged while it is. */
  private final class Mirror {
    private final String system;
    private final Admin admin;
    private boolean inFlight;
    private Map<TopicPartition, OffsetAndMetadata> pending;
    private boolean failing;

    Mirror(String system, Admin admin) {
      this.system = system;
      this.admin = admin;
    }

    synchronized void offer(Map<TopicPartition, OffsetAndMetadata> offsets) {
      if (inFlight) {
        if (pending == null) {
          pending = new HashMap<>();
        }
        pending.putAll(offsets);
      } else {
        send(offsets);
      }
    }

    // Called with this monitor held.
    private void send(Map<TopicPartition, OffsetAndMetadata> offsets) {
      inFlight = true;
      try {
        admin.alterConsumerGroupOffsets(groupId, offsets).all().whenComplete((ignored, error) -> done(error));
      } catch (RuntimeException e) {
        done(e);
      }
    }

    private synchronized void done(Throwable failure) {
      Throwable error = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      inFlight = false;
      if (error != null && !failing) {
        failing = true;
        LOG.warn("Cannot mirror offsets to consumer group '{}' on system '{}': {}; checkpoints are unaffected,"
            + " only Kafka tools show a stale lag. Warning again only after a success.", groupId, system, error.toString());
      } else if (error == null && failing) {
        failing = false;
        LOG.info("Mirroring offsets to consumer group '{}' on system '{}' works again", groupId, system);
      }
      if (pending != null) {
        Map<TopicPartition, OffsetAndMetadata> next = pending;
        pending = null;
        send(next);
      }
      notifyAll();
    }

    synchronized boolean awaitIdle(long deadline) throws InterruptedException {
      while (inFlight) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        wait(left);
      }
      return true;
    }
  }
}
