package io.strand.benchmarks.measure;

import io.strand.benchmarks.data.Payloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

/**
 * Where a latency job's time goes inside its JVM, the same way for every engine: Kafka client
 * interceptors ({@code interceptor.classes} of the job's consumers and producers) note, per record
 * of the benchmark's input, when the job's poll returned it and when the job handed its output to
 * the producer, against the load producer's stamp (the value's first 8 bytes) and the input's
 * {@code LogAppendTime}. Latencies are grouped by the second of the stamp (epoch s), so each of the
 * probe's windows can be read on its own; the file is written when the JVM exits.
 *
 * <p>Active only when the system property {@value #FILE_PROPERTY} names the output file (the
 * latency runs set it); otherwise the interceptors do nothing. Values that carry no plausible stamp
 * (a changelog record, a checkpoint, an engine's internal topic) are skipped.
 *
 * <p>Output: CSV {@code stage,origin_second,records,p50_ms,p99_ms,p999_ms,max_ms}.
 *
 * <p>Threading: any client thread; the histograms are synchronized per (stage, second).
 */
public final class JobHops implements ConsumerInterceptor<byte[], byte[]>, ProducerInterceptor<byte[], byte[]> {

  /** System property naming the output file. */
  public static final String FILE_PROPERTY = "strand.bench.job-hops";
  /** Stage: the input's log (append time) to the job's poll returning the record. */
  public static final String INPUT_LOG_TO_POLL = "input log to job poll";
  /** Stage: the load producer's stamp to the job's poll returning the record. */
  public static final String STAMP_TO_POLL = "stamp to job poll";
  /** Stage: the load producer's stamp to the job's producer send of its output. */
  public static final String STAMP_TO_SEND = "stamp to job send";
  /** Stage: the output's log (append time) to the job's producer seeing the acknowledgement. */
  public static final String OUTPUT_LOG_TO_ACK = "output log to job ack";
  /** The stages, in the order of the file. */
  static final List<String> STAGES = List.of(INPUT_LOG_TO_POLL, STAMP_TO_POLL, STAMP_TO_SEND, OUTPUT_LOG_TO_ACK);

  private static final String FILE = System.getProperty(FILE_PROPERTY);
  private static final Recorder RECORDER = FILE == null ? null : new Recorder();

  static {
    if (RECORDER != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Files.write(Path.of(FILE), RECORDER.lines(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + FILE, e);
        }
      }, "job-hops-writer"));
    }
  }

  @Override
  public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
    if (RECORDER != null && !records.isEmpty()) {
      long now = Payloads.nowMicros();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        RECORDER.polled(r.value(), r.timestampType() == TimestampType.LOG_APPEND_TIME ? r.timestamp() : -1, now);
      }
    }
    return records;
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    if (RECORDER != null) {
      RECORDER.sent(record.value(), Payloads.nowMicros());
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    if (RECORDER != null && metadata != null && exception == null && metadata.hasTimestamp()) {
      RECORDER.acknowledged(metadata.timestamp(), Payloads.nowMicros());
    }
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
  }

  @Override
  public void close() {
  }

  @Override
  public void configure(Map<String, ?> configs) {
  }

  /**
   * The histograms, per stage and second of the stamp, with no allocation per record.
   *
   * <p>Threading: any thread; synchronized per stage.
   */
  static final class Recorder {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    /** Seconds kept per stage (modulo): a latency job runs for well under this. */
    private static final int SECONDS = 1024;

    /** One second's histogram. */
    private record Second(long second, Histogram histogram) { }

    private final Second[][] byStageSecond = new Second[STAGES.size()][SECONDS];

    /**
     * @param value an input record's value
     * @param appendTimeMs its log append time, or -1 when the topic keeps create times
     * @param nowMicros when the job's poll returned it, epoch µs
     */
    void polled(byte[] value, long appendTimeMs, long nowMicros) {
      long origin = origin(value, nowMicros);
      if (origin > 0) {
        record(1, origin, nowMicros - origin);
        if (appendTimeMs >= 0) {
          record(0, origin, nowMicros - appendTimeMs * 1000);
        }
      }
    }

    /**
     * @param value an output record's value
     * @param nowMicros when the job sent it, epoch µs
     */
    void sent(byte[] value, long nowMicros) {
      long origin = origin(value, nowMicros);
      if (origin > 0) {
        record(2, origin, nowMicros - origin);
      }
    }

    /**
     * @param appendTimeMs the acknowledged record's timestamp (its log append time on the latency
     *     runs' outputs)
     * @param nowMicros when the acknowledgement arrived, epoch µs
     */
    void acknowledged(long appendTimeMs, long nowMicros) {
      long appended = appendTimeMs * 1000;
      // Only recent times: a changelog or checkpoint record may carry an old create time.
      if (Math.abs(nowMicros - appended) < TimeUnit.SECONDS.toMicros(10)) {
        record(3, appended, nowMicros - appended);
      }
    }

    /** @return CSV lines, a header first, by stage then second */
    List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add("stage,origin_second,records,p50_ms,p99_ms,p999_ms,max_ms");
      for (int stage = 0; stage < STAGES.size(); stage++) {
        Second[] seconds = byStageSecond[stage];
        List<Second> kept = new ArrayList<>();
        synchronized (seconds) {
          for (Second s : seconds) {
            if (s != null) {
              kept.add(new Second(s.second(), s.histogram().copy()));
            }
          }
        }
        kept.sort(java.util.Comparator.comparingLong(Second::second));
        for (Second s : kept) {
          Histogram h = s.histogram();
          lines.add(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.3f,%.3f,%.3f", STAGES.get(stage), s.second(),
              h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
              h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
        }
      }
      return lines;
    }

    /** @return the value's stamp if it is one from the last minute (epoch µs), else 0 */
    private static long origin(byte[] value, long now) {
      if (value == null || value.length < Long.BYTES) {
        return 0;
      }
      long origin = Payloads.originMicros(value);
      return origin > now - TimeUnit.MINUTES.toMicros(1) && origin <= now + 1_000_000 ? origin : 0;
    }

    private void record(int stage, long originMicros, long micros) {
      long second = originMicros / 1_000_000;
      int slot = (int) (second % SECONDS);
      Second[] seconds = byStageSecond[stage];
      synchronized (seconds) {
        Second s = seconds[slot];
        if (s == null || s.second() != second) {
          s = new Second(second, new Histogram(HIGHEST_MICROS, 2));
          seconds[slot] = s;
        }
        s.histogram().recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
      }
    }
  }
}
