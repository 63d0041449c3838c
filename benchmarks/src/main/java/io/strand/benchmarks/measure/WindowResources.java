package io.strand.benchmarks.measure;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a latency point's measured window cost the machine: CPU of the job's JVM, the broker's JVM
 * and the harness JVM (load generator and probe), in cores (CPU seconds per second), from
 * {@code /proc/<pid>/stat} via {@link ProcessHandle.Info#totalCpuDuration()}; and the requests the
 * broker served per second, read from its own meters over JMX
 * ({@code kafka.server:type=BrokerTopicMetrics,name=TotalFetchRequestsPerSec} and
 * {@code ...TotalProduceRequestsPerSec}, cumulative counts) and its GC time (its collectors' MXBeans;
 * a broker pause holds the load's appends in every engine's run). The harness attaches to the
 * broker's JVM with the JDK's attach API and starts its local management agent, so the broker
 * needs no JMX port. Both meters count partitions: one mark per partition read or appended in a
 * request, not one per request. The fetch count holds every consumer of the broker: the job's, the probe's output
 * consumer and, at the low point, its input-hop consumer; the probe's are the same code at the same
 * rate for every engine, so a difference between engines is the job's.
 *
 * <p>Since session 18 it also notes the whole machine's busy CPU ({@code /proc/stat}'s first line,
 * through {@link ProcStat}) and reports what processes other than the
 * job, the broker and the harness used ({@link Usage#otherCores()}): on a shared 2-core machine
 * another process's build or test run takes the cores the input hop's threads wait for, and a
 * point measured then is not comparable with one measured on a quiet machine.
 *
 * <p>Where the broker cannot be attached to, the request rates are absent (negative) and the CPU
 * figures still come. Threading: {@link #windowOpened()} and {@link #windowClosed()} from the
 * probe's load thread; {@link #last()} after {@link LatencyProbe#measure} returned.
 */
public final class WindowResources implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WindowResources.class);
  private static final String FETCHES = "kafka.server:type=BrokerTopicMetrics,name=TotalFetchRequestsPerSec";
  private static final String PRODUCES = "kafka.server:type=BrokerTopicMetrics,name=TotalProduceRequestsPerSec";

  /**
   * One window's cost.
   *
   * @param seconds the window's length, s
   * @param jobCores the job JVM's CPU per second of wall time
   * @param brokerCores the broker JVM's
   * @param harnessCores the harness JVM's (load producer, probe consumers)
   * @param brokerFetchesPerSec partitions the broker read for fetches per second (all consumers), or -1
   * @param brokerProducesPerSec partitions appended to by produce requests per second (load producer
   *     and job), or -1
   * @param brokerGcMs the broker JVM's GC time in the window (its collectors' own count), ms, or -1
   * @param brokerGcs the broker's collections in the window, or -1
   * @param otherCores CPU per second of wall time of every other process on the machine (the
   *     machine's busy time less the job's, the broker's and the harness's; never below 0), or -1
   *     where {@code /proc/stat} cannot be read
   */
  public record Usage(double seconds, double jobCores, double brokerCores, double harnessCores,
      double brokerFetchesPerSec, double brokerProducesPerSec, long brokerGcMs, long brokerGcs, double otherCores) {
  }

  private final ProcessHandle broker;
  private final JMXConnector jmx;
  private final MBeanServerConnection mbeans;
  private volatile ProcessHandle job;
  private volatile long[] opened;
  private volatile Usage last;

  /**
   * @param broker the broker's JVM (attached to for its request meters, best effort)
   */
  public WindowResources(ProcessHandle broker) {
    this.broker = broker;
    JMXConnector c = null;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(broker.pid()));
      try {
        c = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
      } finally {
        vm.detach();
      }
    } catch (Exception | LinkageError e) {
      LOG.warn("Latency: cannot read the broker's request meters ({}); only CPU is reported", e.toString());
    }
    this.jmx = c;
    MBeanServerConnection m = null;
    try {
      m = c == null ? null : c.getMBeanServerConnection();
    } catch (IOException e) {
      LOG.warn("Latency: cannot read the broker's request meters ({}); only CPU is reported", e.toString());
    }
    this.mbeans = m;
  }

  /**
   * Names the job whose JVM the next windows measure.
   *
   * @param job the job's JVM
   */
  public void job(ProcessHandle job) {
    this.job = job;
  }

  /** Notes the counters at the window's opening. */
  public void windowOpened() {
    last = null;
    opened = snapshot();
  }

  /** Notes the counters at the window's end; {@link #last()} then gives the difference. */
  public void windowClosed() {
    long[] a = opened;
    if (a == null) {
      return;
    }
    long[] b = snapshot();
    double s = (b[0] - a[0]) / 1e9;
    double job = cores(a[1], b[1], s);
    double brokerCores = cores(a[2], b[2], s);
    double harness = cores(a[3], b[3], s);
    double machine = cores(a[8], b[8], s);
    double other = machine < 0 ? -1 : Math.max(0, machine - Math.max(0, job) - Math.max(0, brokerCores)
        - Math.max(0, harness));
    last = new Usage(s, job, brokerCores, harness, rate(a[4], b[4], s),
        rate(a[5], b[5], s), a[6] < 0 || b[6] < 0 ? -1 : b[6] - a[6], a[7] < 0 || b[7] < 0 ? -1 : b[7] - a[7], other);
    opened = null;
  }

  /** @return the last closed window's cost, if any */
  public Optional<Usage> last() {
    return Optional.ofNullable(last);
  }

  private long[] snapshot() {
    ProcessHandle j = job;
    return new long[] {System.nanoTime(), j == null ? -1 : cpuNanos(j), cpuNanos(broker),
        cpuNanos(ProcessHandle.current()), count(FETCHES), count(PRODUCES), gc("CollectionTime"),
        gc("CollectionCount"), machineBusyNanos()};
  }

  /**
   * The machine's busy CPU time so far ({@link ProcStat}'s busy ticks), in ns.
   *
   * @return ns, or -1 where {@code /proc/stat} cannot be read (not Linux)
   */
  static long machineBusyNanos() {
    long ticks = ProcStat.busyAndStealTicks()[0];
    return ticks < 0 ? -1 : ticks * (1_000_000_000L / ProcStat.TICKS_PER_SECOND);
  }

  /** Sum of an attribute over the broker's garbage collectors, or -1. */
  private long gc(String attribute) {
    if (mbeans == null) {
      return -1;
    }
    try {
      long sum = 0;
      for (ObjectName n : mbeans.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
        sum += Math.max(0, ((Number) mbeans.getAttribute(n, attribute)).longValue());
      }
      return sum;
    } catch (Exception e) {
      return -1;
    }
  }

  private static double cores(long a, long b, double seconds) {
    return a < 0 || b < 0 ? -1 : (b - a) / 1e9 / seconds;
  }

  private static double rate(long a, long b, double seconds) {
    return a < 0 || b < 0 ? -1 : (b - a) / seconds;
  }

  private long count(String name) {
    if (mbeans == null) {
      return -1;
    }
    try {
      return ((Number) mbeans.getAttribute(new ObjectName(name), "Count")).longValue();
    } catch (Exception e) {
      return -1;
    }
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  @Override
  public void close() throws IOException {
    if (jmx != null) {
      jmx.close();
    }
  }
}
