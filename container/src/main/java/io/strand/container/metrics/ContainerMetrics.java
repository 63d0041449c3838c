package io.strand.container.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.strand.metrics.MetricsRegistry;
import io.strand.system.SystemStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The meters of one container (names in {@link MeterNames}; tags {@code job}, {@code container}):
 * poll time, buffered messages, deserialization errors, and per input stream (tag {@code stream})
 * the messages skipped or dead-lettered as undeserializable; and the meters the job makes through
 * {@link #containerMetricsRegistry()}.
 *
 * <p>Threading: thread-safe (Micrometer meters are); gauges read their supplier on the thread
 * that reads the meter (a JMX client's), so a supplier must be safe to call from any thread.
 */
public final class ContainerMetrics {

  private final Tags tags;
  private final Timer pollTime;
  private final Counter deserializationErrors;
  private final Meters meters;
  private final MicrometerMetricsRegistry containerMetricsRegistry;
  private final Map<SystemStream, Counter> skipped = new ConcurrentHashMap<>();
  private final Map<SystemStream, Counter> deadLettered = new ConcurrentHashMap<>();

  /**
   * Registers the container's meters.
   *
   * @param registry the container's registry ({@link MetricsRegistries#create})
   * @param jobName {@code job.name}
   * @param containerId the container id
   */
  public ContainerMetrics(MeterRegistry registry, String jobName, String containerId) {
    this.meters = new Meters(registry);
    this.tags = Tags.of(MeterNames.TAG_JOB, jobName, MeterNames.TAG_CONTAINER, containerId);
    this.pollTime = add(Timer.builder(MeterNames.CONTAINER_POLL)
        .description("time spent in each poll of the container's consumers").tags(tags).register(registry));
    this.deserializationErrors = add(Counter.builder(MeterNames.CONTAINER_DESERIALIZATION_ERRORS)
        .description("messages whose key or value could not be deserialized").baseUnit("records")
        .tags(tags).register(registry));
    this.containerMetricsRegistry = new MicrometerMetricsRegistry(meters, tags, "job '" + jobName
        + "' container '" + containerId + "'");
  }

  /**
   * Where the job makes meters shared by the container's tasks
   * ({@code ContainerContext.getContainerMetricsRegistry()}): named {@code strand.user.<name>},
   * tagged {@code job}, {@code container} and {@code group}, and removed by {@link #close()}.
   *
   * @return the registry; the same instance on every call
   */
  public MetricsRegistry containerMetricsRegistry() {
    return containerMetricsRegistry;
  }

  /**
   * Time spent polling.
   *
   * @return the timer; record each poll's duration
   */
  public Timer pollTime() {
    return pollTime;
  }

  /**
   * Shows the number of messages polled but not yet processed. Registering again replaces the
   * supplier.
   *
   * @param count read on every look at the meter; must be cheap and thread-safe
   */
  public void bufferedMessages(Supplier<Number> count) {
    meters.replaceGauge("buffered", Gauge.builder(MeterNames.CONTAINER_BUFFERED, count)
        .description("messages polled but not yet processed").baseUnit("records").tags(tags));
  }

  /**
   * Messages that could not be deserialized (dropped, dead-lettered or failing the container).
   *
   * @return the counter
   */
  public Counter deserializationErrors() {
    return deserializationErrors;
  }

  /**
   * Undeserializable messages of one input stream skipped ({@code task.drop.deserialization.errors}),
   * registered on first use.
   *
   * @param stream the input stream
   * @return the counter
   */
  public Counter skipped(SystemStream stream) {
    return skipped.computeIfAbsent(stream, s -> perStream(MeterNames.CONTAINER_SKIPPED, s,
        "undeserializable input messages skipped"));
  }

  /**
   * Undeserializable messages of one input stream sent to the dead-letter stream (counted when
   * the send is acknowledged), registered on first use.
   *
   * @param stream the input stream
   * @return the counter
   */
  public Counter deadLettered(SystemStream stream) {
    return deadLettered.computeIfAbsent(stream, s -> perStream(MeterNames.CONTAINER_DEAD_LETTERED, s,
        "undeserializable input messages sent to the dead-letter stream"));
  }

  /**
   * The skipped and dead-lettered counts so far.
   *
   * @return the counts per input stream with at least one
   */
  public BadInputCounts badInputCounts() {
    return new BadInputCounts(counts(skipped), counts(deadLettered));
  }

  private static Map<String, Long> counts(Map<SystemStream, Counter> counters) {
    Map<String, Long> m = new TreeMap<>();
    counters.forEach((s, c) -> m.put(s.toString(), (long) c.count()));
    return m;
  }

  private Counter perStream(String name, SystemStream stream, String description) {
    return add(Counter.builder(name).description(description).baseUnit("records").tags(tags)
        .tag(MeterNames.TAG_STREAM, stream.toString()).register(meters.registry()));
  }

  /**
   * Removes this container's meters, the job's own ones included, from the registry (for a
   * container that ends while the registry lives on).
   */
  public void close() {
    meters.removeAll();
  }

  private <M extends Meter> M add(M meter) {
    return meters.add(meter);
  }
}
