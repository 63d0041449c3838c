package io.strand.benchmarks.worker;

import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.WorkerSpec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The join workloads' ceilings on kafka-clients, one thread, state in HashMaps without changelog
 * (so without durability), offsets committed every {@link ClientSettings#COMMIT_MS} after a flush:
 *
 * <ul>
 *   <li>enrichment: the whole table topic read into a map first, then consume → look up → produce;</li>
 *   <li>join: per key and side, the event times of the buffered records (each side's are in
 *       offset order, which is time order here); a record meets the other side's buffered times
 *       within the window, then is buffered; times older than the partition's watermark (the
 *       smaller of the two sides' latest times) minus window and grace are dropped as the lists
 *       are scanned. A late record is never dropped: the input has none.</li>
 * </ul>
 *
 * <p>Threading: runs on the caller's thread.
 */
final class RawJoins {

  private static final Duration POLL = Duration.ofMillis(100);

  private RawJoins() {
  }

  static Outcome enrich(WorkerSpec spec) {
    Map<Long, byte[]> table = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(RawWorkloads.consumerProps(spec, null))) {
      List<TopicPartition> partitions = RawWorkloads.assignAll(consumer, JoinPayloads.TABLE);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (r.value() == null) {
            table.remove(Payloads.keyId(r.key()));
          } else {
            table.put(Payloads.keyId(r.key()), r.value());
          }
        }
      }
    }
    return loop(spec, List.of(spec.input()), (r, send) -> {
      byte[] row = table.get(Payloads.keyId(r.key()));
      if (row != null) {
        send.accept(r.key(), JoinPayloads.enriched(r.value(), row));
      }
    });
  }

  static Outcome join(WorkerSpec spec) {
    Map<Long, Times> left = new HashMap<>();
    Map<Long, Times> right = new HashMap<>();
    Map<Integer, long[]> latest = new HashMap<>(); // partition -> {left's latest time, right's}
    long keep = JoinPayloads.WINDOW_MS + JoinPayloads.GRACE_MS;
    return loop(spec, List.of(JoinPayloads.LEFT, JoinPayloads.RIGHT), (r, send) -> {
      boolean isLeft = r.topic().equals(JoinPayloads.LEFT);
      long t = r.timestamp();
      long[] times = latest.computeIfAbsent(r.partition(), p -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
      times[isLeft ? 0 : 1] = Math.max(times[isLeft ? 0 : 1], t);
      long watermark = Math.min(times[0], times[1]);
      long key = Payloads.keyId(r.key());
      Times other = (isLeft ? right : left).get(key);
      if (other != null) {
        other.expire(watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - keep);
        for (int i = other.from; i < other.size; i++) {
          long ot = other.times[i];
          if (ot > t + JoinPayloads.WINDOW_MS) {
            break;
          }
          if (ot >= t - JoinPayloads.WINDOW_MS) {
            send.accept(r.key(), ByteBuffer.allocate(16).putLong(isLeft ? t : ot).putLong(isLeft ? ot : t).array());
          }
        }
      }
      (isLeft ? left : right).computeIfAbsent(key, k -> new Times()).add(t);
    });
  }

  private interface Step {
    void process(ConsumerRecord<byte[], byte[]> r, java.util.function.BiConsumer<byte[], byte[]> send);
  }

  private static Outcome loop(WorkerSpec spec, List<String> topics, Step step) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback callback = (md, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    };
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(RawWorkloads.consumerProps(spec, spec.jobName()));
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(RawWorkloads.producerProps(spec))) {
      List<TopicPartition> partitions = new ArrayList<>();
      List<TopicPartition> all = new ArrayList<>();
      for (String topic : topics) {
        all.addAll(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
      }
      consumer.assign(all);
      consumer.seekToBeginning(all);
      partitions.addAll(all);
      long lastCommit = System.nanoTime();
      while (Progress.processed() < spec.expectedRecords()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          Progress.record();
          step.process(r, (k, v) -> producer.send(new ProducerRecord<>(spec.output(), k, v), callback));
        }
        if (failure.get() != null) {
          throw new IllegalStateException("send failed: " + failure.get(), failure.get());
        }
        if (System.nanoTime() - lastCommit > Duration.ofMillis(ClientSettings.COMMIT_MS).toNanos()) {
          RawWorkloads.commit(consumer, producer, partitions);
          lastCommit = System.nanoTime();
        }
      }
      RawWorkloads.commit(consumer, producer, partitions);
      if (failure.get() != null) {
        throw new IllegalStateException("send failed: " + failure.get(), failure.get());
      }
      return new Outcome(Progress.processed(), Progress.startNanos(), System.nanoTime());
    }
  }

  /** One key's buffered event times on one side, ascending; {@code [from, size)} is live. */
  private static final class Times {
    long[] times = new long[8];
    int from;
    int size;

    void add(long t) {
      if (size == times.length) {
        int live = size - from;
        long[] grown = live * 2 > times.length ? new long[times.length * 2] : times;
        System.arraycopy(times, from, grown, 0, live);
        times = grown;
        size = live;
        from = 0;
      }
      times[size++] = t;
    }

    void expire(long before) {
      while (from < size && times[from] < before) {
        from++;
      }
    }
  }
}
