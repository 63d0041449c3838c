package io.strand.benchmarks.worker;

import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.progress.WorkerProtocol;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceilings, written directly against kafka-clients on one thread: the consume → produce loop
 * (with {@link ClientSettings}, plus its latency overrides in latency runs; offsets committed every
 * {@link ClientSettings#COMMIT_MS} and at the end, as the frameworks do) and a plain read of a
 * topic from beginning to end.
 *
 * <p>Threading: runs on the caller's thread.
 */
final class RawWorkloads {

  private static final Duration POLL = Duration.ofMillis(100);

  private RawWorkloads() {
  }

  static Outcome run(WorkerSpec spec, StopSignal stop) throws InterruptedException {
    return switch (spec.workload().kind()) {
      case READ -> read(spec);
      case ENRICH -> RawJoins.enrich(spec);
      case JOIN -> RawJoins.join(spec);
      default -> passthrough(spec, stop);
    };
  }

  private static Outcome passthrough(WorkerSpec spec, StopSignal stop) throws InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(spec, spec.jobName()));
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(spec))) {
      List<TopicPartition> partitions = assignAll(consumer, spec.input());
      consumer.seekToBeginning(partitions);
      Thread loop = Thread.currentThread();
      if (stop != null) {
        Thread watcher = new Thread(() -> {
          try {
            stop.await(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            return;
          }
          consumer.wakeup();
        }, "stop-watch");
        watcher.setDaemon(true);
        watcher.start();
        WorkerProtocol.emit(WorkerProtocol.READY);
      }
      long lastCommit = System.nanoTime();
      try {
        while (stop != null || Progress.processed() < spec.expectedRecords()) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
          for (ConsumerRecord<byte[], byte[]> r : records) {
            Progress.record();
            producer.send(new ProducerRecord<>(spec.output(), r.key(), r.value()), (md, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
          }
          if (failure.get() != null) {
            throw new IllegalStateException("send failed: " + failure.get(), failure.get());
          }
          if (System.nanoTime() - lastCommit > Duration.ofMillis(ClientSettings.COMMIT_MS).toNanos()) {
            commit(consumer, producer, partitions);
            lastCommit = System.nanoTime();
          }
        }
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        // Latency mode: the harness closed stdin.
      }
      commit(consumer, producer, partitions);
      if (loop.isInterrupted()) {
        throw new InterruptedException();
      }
      return new Outcome(Progress.processed(), Progress.startNanos(), System.nanoTime());
    }
  }

  /** Flush, then commit the consumer's positions: offsets never run ahead of acknowledged output. */
  static void commit(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
      List<TopicPartition> partitions) {
    producer.flush();
    Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
    for (TopicPartition tp : partitions) {
      offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
    }
    consumer.commitSync(offsets);
  }

  private static Outcome read(WorkerSpec spec) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(spec, null))) {
      List<TopicPartition> partitions = assignAll(consumer, spec.input());
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      Progress.start();
      long began = Progress.startNanos();
      while (!atEnd(consumer, end)) {
        records += consumer.poll(POLL).count();
      }
      return new Outcome(records, began, System.nanoTime());
    }
  }

  private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  static List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    return partitions;
  }

  static Properties consumerProps(WorkerSpec spec, String group) {
    Properties p = new Properties();
    p.putAll(ClientSettings.consumer(spec.latencyMode()));
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    if (group != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return p;
  }

  static Properties producerProps(WorkerSpec spec) {
    Properties p = new Properties();
    p.putAll(ClientSettings.producer(spec.latencyMode()));
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
