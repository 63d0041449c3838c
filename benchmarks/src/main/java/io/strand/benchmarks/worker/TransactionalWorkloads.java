package io.strand.benchmarks.worker;

import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The exactly-once ceilings, written directly against kafka-clients on one thread: a consume →
 * transform → produce loop with a transactional producer ({@code transactional.id} = the job name)
 * and a {@code read_committed} consumer, the shared {@link ClientSettings}; every commit interval
 * (the workload's) and at the end it sends the consumer's positions into the transaction
 * ({@code sendOffsetsToTransaction}), commits it and begins the next.
 *
 * <p>The passthrough sends each record unchanged. The count keeps the counts in a {@link HashMap}
 * and emits each new count as the engines do ({@code [origin micros][count]}, keyed by the input
 * key); it also writes what a changelogged store would, inside the same transaction, to the
 * changelog topic the harness created ({@link WorkerSpec#changelog()}, same partition as the
 * input record, value the count as an 8-byte big-endian long): with the store cache on, one
 * record per key updated since the last commit, written at the commit, as both engines' caches
 * do; with it off, one record per update.
 *
 * <p>Threading: runs on the caller's thread.
 */
final class TransactionalWorkloads {

  private static final Duration POLL = Duration.ofMillis(100);

  private TransactionalWorkloads() {
  }

  static Outcome run(WorkerSpec spec) {
    boolean count = spec.workload().kind() == Kind.COUNT;
    if (count && spec.changelog().isEmpty()) {
      throw new IllegalArgumentException("the raw transactional count needs a changelog topic in its spec");
    }
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback check = (md, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    };
    long commitNanos = Duration.ofMillis(spec.workload().commitMs()).toNanos();
    boolean coalesce = spec.storeCache().enabled();
    Map<Long, Long> counts = new HashMap<>();
    Map<Long, Integer> dirty = new HashMap<>(); // key -> its partition, since the last commit
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(spec));
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(spec))) {
      List<TopicPartition> partitions = consumer.partitionsFor(spec.input()).stream()
          .map(p -> new TopicPartition(spec.input(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      producer.initTransactions();
      producer.beginTransaction();
      long lastCommit = System.nanoTime();
      while (Progress.processed() < spec.expectedRecords()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          Progress.record();
          if (!count) {
            producer.send(new ProducerRecord<>(spec.output(), r.key(), r.value()), check);
            continue;
          }
          long key = Payloads.keyId(r.key());
          long n = counts.merge(key, 1L, Long::sum);
          if (coalesce) {
            dirty.put(key, r.partition());
          } else {
            producer.send(new ProducerRecord<>(spec.changelog(), r.partition(), r.key(), longBytes(n)), check);
          }
          producer.send(new ProducerRecord<>(spec.output(), r.key(), Payloads.countOutput(r.value(), n)), check);
        }
        if (failure.get() != null) {
          throw new IllegalStateException("send failed: " + failure.get(), failure.get());
        }
        if (System.nanoTime() - lastCommit > commitNanos) {
          commit(consumer, producer, partitions, spec.changelog(), counts, dirty);
          producer.beginTransaction();
          lastCommit = System.nanoTime();
        }
      }
      // No transaction begun after the last commit: closing the producer with one open (even empty)
      // stalled the worker's exit for request.timeout.ms (30 s) after its timed window.
      commit(consumer, producer, partitions, spec.changelog(), counts, dirty);
      if (failure.get() != null) {
        throw new IllegalStateException("send failed: " + failure.get(), failure.get());
      }
      return new Outcome(Progress.processed(), Progress.startNanos(), System.nanoTime());
    }
  }

  /**
   * The coalesced changelog records, then the consumer's positions into the transaction, then its
   * commit (which waits for every send of it); the caller begins the next transaction.
   */
  private static void commit(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
      List<TopicPartition> partitions, String changelog, Map<Long, Long> counts, Map<Long, Integer> dirty) {
    for (Map.Entry<Long, Integer> e : dirty.entrySet()) {
      producer.send(new ProducerRecord<>(changelog, e.getValue(), Payloads.key(e.getKey()),
          longBytes(counts.get(e.getKey()))));
    }
    dirty.clear();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
    }
    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    producer.commitTransaction();
  }

  private static byte[] longBytes(long v) {
    return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
  }

  private static Properties consumerProps(WorkerSpec spec) {
    Properties p = new Properties();
    p.putAll(ClientSettings.consumer());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, spec.jobName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  private static Properties producerProps(WorkerSpec spec) {
    Properties p = new Properties();
    p.putAll(ClientSettings.producer());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, spec.jobName());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
