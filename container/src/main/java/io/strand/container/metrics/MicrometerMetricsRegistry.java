package io.strand.container.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.strand.metrics.Counter;
import io.strand.metrics.Gauge;
import io.strand.metrics.MetricsRegistry;
import io.strand.metrics.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A job's own meters ({@link io.strand.metrics}) on the container's Micrometer registry: the
 * registry behind {@code TaskContext.getTaskMetricsRegistry()} ({@link TaskMetrics#taskMetricsRegistry()})
 * and {@code ContainerContext.getContainerMetricsRegistry()}
 * ({@link ContainerMetrics#containerMetricsRegistry()}).
 *
 * <p>Every meter is named {@code strand.user.<name>} ({@link MeterNames#user(String)}) and tagged with the
 * owner's tags (job, container, and task for a task's registry) plus {@code group}. A
 * {@link Counter} is a Micrometer gauge over an {@code AtomicLong}, since a Micrometer counter (and
 * a function counter) cannot go down and Samza's {@code dec} and {@code set} must; a {@link Gauge}
 * is a Micrometer gauge over an {@code AtomicReference} (numbers as their value, booleans as 1 and
 * 0, anything else NaN); a {@link Timer} is a Micrometer timer recording ms. The meters are added
 * to the owner's {@link Meters}, so they are removed with the owner's other meters.
 *
 * <p>Threading: thread-safe (registration is synchronized; the meters are atomic).
 */
public final class MicrometerMetricsRegistry implements MetricsRegistry {

  private final Meters meters;
  private final Tags tags;
  private final String owner;
  private final Map<Key, Object> made = new HashMap<>();

  /**
   * A registry whose meters belong to {@code meters}.
   *
   * @param meters the owner's meters, which removes these with its own
   * @param tags the owner's tags
   * @param owner the owner for error messages, for example {@code task 'Partition 0'}
   */
  MicrometerMetricsRegistry(Meters meters, Tags tags, String owner) {
    this.meters = meters;
    this.tags = tags;
    this.owner = owner;
  }

  @Override
  public Counter newCounter(String group, String name) {
    return meter(group, name, LongCounter.class, "counter", () -> {
      LongCounter counter = new LongCounter(name);
      registerGauge(group, name, counter, c -> (double) c.getCount(), "a job's counter");
      return counter;
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Gauge<T> newGauge(String group, String name, T initial) {
    return meter(group, name, ReferenceGauge.class, "gauge", () -> {
      ReferenceGauge<T> gauge = new ReferenceGauge<>(name, initial);
      registerGauge(group, name, gauge, g -> numeric(g.getValue()), "a job's gauge");
      return gauge;
    });
  }

  @Override
  public Timer newTimer(String group, String name) {
    return meter(group, name, MicrometerTimer.class, "timer", () -> {
      Meter.Id id = removeStale(group, name, Meter.Type.TIMER);
      io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(id.getName())
          .description("a job's timer").tags(id.getTagsAsIterable()).register(meters.registry());
      meters.add(timer);
      return new MicrometerTimer(name, timer);
    });
  }

  private synchronized <M> M meter(String group, String name, Class<M> type, String kind,
      Supplier<M> make) {
    check("group", group);
    check("name", name);
    Key key = new Key(group, name);
    Object existing = made.get(key);
    if (existing == null) {
      M meter = make.get();
      made.put(key, meter);
      return meter;
    }
    if (!type.isInstance(existing)) {
      throw new IllegalArgumentException(owner + ": cannot make a " + kind + " '" + name + "' in group '" + group
          + "': a " + kindOf(existing) + " of that group and name is already registered");
    }
    return type.cast(existing);
  }

  private <S> void registerGauge(String group, String name, S state, ToDoubleFunction<S> value,
      String description) {
    Meter.Id id = removeStale(group, name, Meter.Type.GAUGE);
    // A strong reference: Micrometer holds a gauge's object weakly by default, and a meter the job
    // does not keep must still be reported.
    meters.add(io.micrometer.core.instrument.Gauge.builder(id.getName(), state, value)
        .description(description).tags(id.getTagsAsIterable()).strongReference(true)
        .register(meters.registry()));
  }

  // Micrometer hands back a meter already registered under the same name and tags, bound to the
  // old state; a meter left behind by an owner that was not closed must not swallow the new one.
  private Meter.Id removeStale(String group, String name, Meter.Type type) {
    Meter.Id id = new Meter.Id(MeterNames.user(name), tags.and(MeterNames.TAG_GROUP, group), null, null, type);
    MeterRegistry registry = meters.registry();
    registry.remove(id);
    return id;
  }

  private static double numeric(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return Double.NaN;
  }

  private static String kindOf(Object meter) {
    if (meter instanceof Counter) {
      return "counter";
    }
    return meter instanceof Gauge ? "gauge" : "timer";
  }

  private void check(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(owner + ": a metric " + what + " cannot be blank, got "
          + (value == null ? "null" : "'" + value + "'"));
    }
  }

  private record Key(String group, String name) { }

  /** Samza's counter semantics on an {@code AtomicLong}. */
  private static final class LongCounter implements Counter {
    private final String name;
    private final AtomicLong count = new AtomicLong();

    LongCounter(String name) {
      this.name = name;
    }

    @Override
    public long inc() {
      return count.incrementAndGet();
    }

    @Override
    public long inc(long n) {
      return count.addAndGet(n);
    }

    @Override
    public long dec() {
      return count.decrementAndGet();
    }

    @Override
    public long dec(long n) {
      return count.addAndGet(-n);
    }

    @Override
    public void set(long n) {
      count.set(n);
    }

    @Override
    public void clear() {
      count.set(0);
    }

    @Override
    public long getCount() {
      return count.get();
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String toString() {
      return name + "=" + count.get();
    }
  }

  /** Samza's gauge semantics on an {@code AtomicReference}. */
  private static final class ReferenceGauge<T> implements Gauge<T> {
    private final String name;
    private final AtomicReference<T> value;

    ReferenceGauge(String name, T initial) {
      this.name = name;
      this.value = new AtomicReference<>(initial);
    }

    @Override
    public T set(T v) {
      return value.getAndSet(v);
    }

    @Override
    public boolean compareAndSet(T expected, T v) {
      return value.compareAndSet(expected, v);
    }

    @Override
    public T getValue() {
      return value.get();
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String toString() {
      return name + "=" + value.get();
    }
  }

  /** Durations in ms into a Micrometer timer. */
  private record MicrometerTimer(String getName, io.micrometer.core.instrument.Timer timer) implements Timer {
    @Override
    public void update(long durationMs) {
      if (durationMs >= 0) {
        timer.record(durationMs, TimeUnit.MILLISECONDS);
      }
    }
  }
}
