package io.strand.metrics.reporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strand.config.Config;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TopicMetadata;
import io.strand.container.output.OutputTopicSettings;
import io.strand.container.output.OutputTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's snapshot reporter (see {@link MetricsSnapshotReporterFactory}): a daemon thread
 * takes a snapshot every interval and sends one record per source to the stream; {@link #close()}
 * sends the last one. The stream's topic is looked up (and created if missing, as an output) and the
 * producer made on the first snapshot, on the reporter's thread, so a broker that is down delays
 * nothing but the metrics.
 *
 * <p>A container removes its meters as its tasks close, before {@link #close()}: the value each
 * meter had when it was removed is kept, so the last snapshot holds the final counts.
 *
 * <p>Threading: snapshots are taken under this object's lock, by the reporter's thread or by
 * {@link #close()}; the meter-removal listener runs on whichever thread removes a meter.
 */
final class MetricsSnapshotReporter implements MetricsReporter {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsSnapshotReporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final ReporterContext context;
  private final MetricsSnapshotSettings settings;
  private final Config config;
  private final String version = StrandVersion.get();
  private final Map<Meter.Id, MetricsSnapshots.Entry> removed = new ConcurrentHashMap<>();
  private final byte[] key;
  private final Optional<Pattern> blacklist;
  private ScheduledExecutorService scheduler;
  private MeterRegistry meters;
  private long resetTimeMs;
  private KafkaProducer<byte[], byte[]> producer;
  private final AtomicBoolean failing = new AtomicBoolean();
  private volatile boolean closed;

  MetricsSnapshotReporter(String name, ReporterContext context, MetricsSnapshotSettings settings, Config config) {
    this.name = name;
    this.context = context;
    this.settings = settings;
    this.config = config;
    this.blacklist = settings.blacklistPattern();
    // One key per container, so its snapshots stay in order in one partition.
    this.key = (context.job().name() + "-" + context.job().id() + "-" + context.containerId())
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void start(MeterRegistry registry) {
    this.meters = registry;
    this.resetTimeMs = System.currentTimeMillis();
    registry.config().onMeterRemoved(meter -> {
      if (!closed) {
        removed.put(meter.getId(), MetricsSnapshots.entry(meter));
      }
    });
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strand-container-" + context.containerId() + "-metrics-snapshot");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleAtFixedRate(this::report, settings.intervalMs(), settings.intervalMs(), TimeUnit.MILLISECONDS);
    LOG.info("{}: metrics snapshots to {} every {} s (reporter '{}'{})", context.label(), settings.stream(),
        settings.intervalMs() / 1000, name, settings.blacklist().map(b -> ", leaving out metrics matching " + b).orElse(""));
  }

  /** Takes a snapshot and sends it; a failure is logged, once until a send succeeds again. */
  synchronized void report() {
    if (closed) {
      return;
    }
    try {
      if (producer == null) {
        producer = openStream();
      }
      long now = System.currentTimeMillis();
      for (ProducerRecord<byte[], byte[]> record : records(now)) {
        producer.send(record, (metadata, e) -> sent(e));
      }
    } catch (RuntimeException | JsonProcessingException e) {
      sent(e);
    }
  }

  private List<ProducerRecord<byte[], byte[]>> records(long nowMs) throws JsonProcessingException {
    Map<Meter.Id, MetricsSnapshots.Entry> entries = new LinkedHashMap<>(removed);
    for (Meter meter : meters.getMeters()) {
      entries.put(meter.getId(), MetricsSnapshots.entry(meter));
    }
    blacklist.ifPresent(b -> entries.values().removeIf(e -> MetricsSnapshots.blacklisted(b, e)));
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Map.Entry<String, Map<String, Map<String, Object>>> body : MetricsSnapshots.bodies(entries.values()).entrySet()) {
      byte[] value = JSON.writeValueAsBytes(MetricsSnapshots.snapshot(context, body.getKey(), version, nowMs,
          resetTimeMs, body.getValue()));
      records.add(new ProducerRecord<>(settings.stream().getStream(), key, value));
    }
    return records;
  }

  private KafkaProducer<byte[], byte[]> openStream() {
    KafkaSystems systems = new KafkaSystems(config);
    try (TopicMetadata metadata = new TopicMetadata(systems)) {
      new OutputTopics(OutputTopicSettings.fromConfig(config), metadata, context.label()).ensure(settings.stream());
    }
    // A send waits at most this long for metadata, so a broker that is down cannot hold up the container's stop.
    return systems.get(settings.stream().getSystem()).newProducer(
        context.job().clientId("c" + context.containerId() + "-metrics-" + name),
        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLOSE_TIMEOUT.toMillis()));
  }

  private void sent(Exception e) {
    if (e == null) {
      failing.set(false);
    } else if (failing.compareAndSet(false, true)) {
      LOG.warn("{}: cannot send a metrics snapshot to {} (reporter '{}'): {}", context.label(), settings.stream(),
          name, e.toString());
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
      scheduler = null;
    }
    if (s == null) {
      return;
    }
    s.shutdownNow();
    try {
      s.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      report(); // the last snapshot, with the final values of the meters the container removed
      closed = true;
      if (producer != null) {
        producer.close(CLOSE_TIMEOUT);
        producer = null;
      }
    }
  }
}
