package io.strand.container.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Makes the JMX registry of one container (the JMX metrics reporter's,
 * {@code io.strand.metrics.reporter.JmxReporterFactory}, the default): a registry in the platform
 * MBean server, domain {@value #DOMAIN}. Every meter becomes one MBean named from the meter's name and tags, for
 * example {@code strand:name=task.messages.processed,job=flight-delays,container=0,task=Partition 0,type=meters}
 * (the {@code strand.} prefix of meter names is dropped; {@code type} is {@code meters} for
 * counters (attribute {@code Count}, and rates), {@code timers} (attributes {@code Count},
 * {@code Mean}, {@code Max}, percentiles) or {@code gauges} (attribute {@code Value}); durations
 * are in ms, rates per second). Values holding {@code , = : " * ?} are quoted as JMX requires.
 *
 * <p>Several containers may share a JVM (the local runner): their MBeans differ by the
 * {@code container} property. Creating a registry for a job and container whose previous
 * registry is still open closes that one first (its MBeans would otherwise clash with the new
 * ones), so a restarted container starts with fresh meters. The caller that creates a registry
 * closes it when the container ends; closing unregisters its MBeans.
 *
 * <p>Threading: thread-safe.
 */
public final class MetricsRegistries {

  /** The JMX domain of every Strand MBean. */
  public static final String DOMAIN = "strand";

  private static final String NAME_PREFIX = "strand.";
  private static final Map<String, MeterRegistry> OPEN = new HashMap<>();

  private MetricsRegistries() {}

  /**
   * A new JMX registry for one container.
   *
   * @param jobName {@code job.name}
   * @param containerId the container id
   * @return the registry, already reporting to JMX
   */
  public static MeterRegistry create(String jobName, String containerId) {
    String key = jobName + "\u0000" + containerId;
    synchronized (OPEN) {
      MeterRegistry previous = OPEN.remove(key);
      if (previous != null && !previous.isClosed()) {
        previous.close();
      }
      MetricRegistry dropwizard = new MetricRegistry();
      JmxReporter reporter = JmxReporter.forRegistry(dropwizard)
          .registerWith(ManagementFactory.getPlatformMBeanServer())
          .inDomain(DOMAIN)
          .convertDurationsTo(TimeUnit.MILLISECONDS)
          .convertRatesTo(TimeUnit.SECONDS)
          .createsObjectNamesWith(MetricsRegistries::objectName)
          .build();
      JmxConfig config = new JmxConfig() {
        @Override
        public String get(String k) {
          return null;
        }

        @Override
        public String domain() {
          return DOMAIN;
        }
      };
      JmxMeterRegistry registry =
          new JmxMeterRegistry(config, Clock.SYSTEM, MetricsRegistries::hierarchicalName, dropwizard, reporter);
      registry.config().namingConvention(NamingConvention.identity);
      OPEN.put(key, registry);
      return registry;
    }
  }

  /**
   * The JMX ObjectName of a meter, as registered by {@link #create}.
   *
   * @param type {@code meters} (counters), {@code timers} or {@code gauges}
   * @param meterName the meter's name, for example {@code strand.task.messages.processed}
   * @param tags the meter's tags as key, value pairs
   * @return the ObjectName
   */
  public static ObjectName objectName(String type, String meterName, String... tags) {
    Meter.Id id = new Meter.Id(meterName, io.micrometer.core.instrument.Tags.of(tags), null, null, Meter.Type.OTHER);
    return objectName(type, DOMAIN, hierarchicalName(id, NamingConvention.identity));
  }

  // The hierarchical name is already the key properties of the ObjectName; the reporter's
  // factory only adds the domain and type.
  private static String hierarchicalName(Meter.Id id, NamingConvention convention) {
    String name = id.getConventionName(convention);
    if (name.startsWith(NAME_PREFIX)) {
      name = name.substring(NAME_PREFIX.length());
    }
    StringBuilder s = new StringBuilder("name=").append(value(name));
    for (Tag tag : id.getConventionTags(convention)) {
      s.append(',').append(tag.getKey()).append('=').append(value(tag.getValue()));
    }
    return s.toString();
  }

  private static ObjectName objectName(String type, String domain, String properties) {
    try {
      return new ObjectName(domain + ":" + properties + ",type=" + type);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("cannot name MBean " + properties + ": " + e.getMessage(), e);
    }
  }

  // ObjectName values may not hold , = : " * ? or line breaks unless quoted.
  private static String value(String v) {
    for (char c : v.toCharArray()) {
      if (",=:\"*?\n\r\\".indexOf(c) >= 0) {
        return ObjectName.quote(v);
      }
    }
    return v;
  }
}
