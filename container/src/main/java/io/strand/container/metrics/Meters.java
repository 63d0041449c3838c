package io.strand.container.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meters one metrics object registered, so they can be removed together, and gauges that a
 * caller may register again with a new supplier.
 *
 * <p>Threading: thread-safe (synchronized).
 */
final class Meters {

  private final MeterRegistry registry;
  private final List<Meter> owned = new ArrayList<>();
  private final Map<Object, Gauge> gauges = new HashMap<>();

  Meters(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  synchronized <M extends Meter> M add(M meter) {
    owned.add(meter);
    return meter;
  }

  // Micrometer hands back the existing gauge for an id already registered, keeping its old
  // supplier; a caller that registers again (a restarted consumer) needs the new one.
  synchronized Gauge replaceGauge(Object key, Gauge.Builder<?> builder) {
    Gauge previous = gauges.remove(key);
    if (previous != null) {
      registry.remove(previous);
      owned.remove(previous);
    }
    Gauge gauge = builder.register(registry);
    gauges.put(key, gauge);
    owned.add(gauge);
    return gauge;
  }

  synchronized void removeAll() {
    owned.forEach(registry::remove);
    owned.clear();
    gauges.clear();
  }
}
