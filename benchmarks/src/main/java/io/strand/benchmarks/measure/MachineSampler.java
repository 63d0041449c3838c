package io.strand.benchmarks.measure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples, every {@value #PERIOD_MS} ms by default, what can stall a record on this machine, into a CSV with
 * wall-clock times, so a slow part of a latency window can be set against it:
 * <ul>
 *   <li>the machine's busy and steal ticks ({@link ProcStat}) and its CPU
 *   pressure ({@code /proc/pressure/cpu}, "some" total, µs: time in which at least one runnable
 *   thread waited for a core);</li>
 *   <li>for each watched process (the broker, this JVM, ...) the CPU time and the run-queue wait of
 *   all its threads ({@code /proc/<pid>/task/<tid>/schedstat}, ns): a process whose threads were
 *   runnable but had no core;</li>
 *   <li>optionally, this JVM's hiccups: how late a thread that asks to wake every millisecond woke, the
 *   slice's maximum (µs; -1 when off). It catches this JVM's safepoint pauses and its own wait for a
 *   core, but it is itself a thread waking 1,000 times a second on the cores the measured jobs use:
 *   off unless asked for ({@value #HICCUPS_PROPERTY}{@code =true}, or the constructor's flag), so the
 *   suite's latency figures carry none of its cost (session 20).</li>
 * </ul>
 * The columns are cumulative counters except the hiccup; a reader takes differences.
 *
 * <p>Threading: one daemon thread of its own, two with the hiccup meter; {@link #close} stops them.
 */
public final class MachineSampler implements AutoCloseable {

  /** Default sample period, ms. */
  public static final int PERIOD_MS = 100;
  /**
   * System property that turns the hiccup meter on for the samplers built without the flag (the
   * suite's latency runs): {@code -Dbenchmark.hiccups=true} in {@code BENCHMARK_OPTS}, for diagnosis.
   */
  public static final String HICCUPS_PROPERTY = "benchmark.hiccups";
  private static final long HICCUP_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final List<ProcessHandle> watched;
  private final BufferedWriter out;
  private final AtomicLong hiccupMaxNanos = new AtomicLong();
  private final Thread sampler;
  private final Thread hiccups;
  private volatile boolean running = true;
  private final long periodNanos;

  /**
   * A sampler with the hiccup meter as {@value #HICCUPS_PROPERTY} says (off by default).
   *
   * @param csv where the samples go (replaced)
   * @param watched processes whose threads' CPU and run-queue wait are sampled, in column order
   * @param names their column names
   * @param periodMs the sample period, ms (each sample reads every watched thread's schedstat)
   */
  public MachineSampler(Path csv, List<ProcessHandle> watched, List<String> names, int periodMs) {
    this(csv, watched, names, periodMs, Boolean.getBoolean(HICCUPS_PROPERTY));
  }

  /**
   * @param csv where the samples go (replaced)
   * @param watched processes whose threads' CPU and run-queue wait are sampled, in column order
   * @param names their column names
   * @param periodMs the sample period, ms (each sample reads every watched thread's schedstat)
   * @param hiccups whether to run the hiccup meter (a thread waking every millisecond)
   */
  public MachineSampler(Path csv, List<ProcessHandle> watched, List<String> names, int periodMs, boolean hiccups) {
    this.watched = List.copyOf(watched);
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMs);
    try {
      out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
      StringBuilder header = new StringBuilder("epoch_ms,busy_ticks,steal_ticks,psi_some_us,hiccup_max_us");
      for (String n : names) {
        header.append(',').append(n).append("_cpu_ns,").append(n).append("_runwait_ns");
      }
      out.write(header.append('\n').toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (hiccups) {
      this.hiccups = new Thread(this::measureHiccups, "hiccup-meter");
      this.hiccups.setDaemon(true);
      this.hiccups.start();
    } else {
      this.hiccups = null;
    }
    sampler = new Thread(this::sample, "machine-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void measureHiccups() {
    while (running) {
      long before = System.nanoTime();
      LockSupport.parkNanos(HICCUP_PERIOD_NANOS);
      long late = System.nanoTime() - before - HICCUP_PERIOD_NANOS;
      hiccupMaxNanos.accumulateAndGet(late, Math::max);
    }
  }

  private void sample() {
    long next = System.nanoTime();
    while (running) {
      next += periodNanos;
      LockSupport.parkNanos(next - System.nanoTime());
      StringBuilder line = new StringBuilder().append(System.currentTimeMillis());
      long[] stat = ProcStat.busyAndStealTicks();
      line.append(',').append(stat[0]).append(',').append(stat[1]).append(',').append(psiSome())
          .append(',').append(hiccups == null ? -1 : hiccupMaxNanos.getAndSet(0) / 1000);
      for (ProcessHandle p : watched) {
        long[] s = schedstat(p.pid());
        line.append(',').append(s[0]).append(',').append(s[1]);
      }
      try {
        out.write(line.append('\n').toString());
        out.flush(); // readable while sampling (a run that dies keeps what it had)
      } catch (IOException e) {
        return;
      }
    }
  }

  private static long psiSome() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
        if (l.startsWith("some")) {
          return Long.parseLong(l.substring(l.lastIndexOf("total=") + 6).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // No pressure stall information on this kernel.
    }
    return -1;
  }

  /** @return CPU ns and run-queue wait ns summed over the process's current threads */
  private static long[] schedstat(long pid) {
    long cpu = 0;
    long wait = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String[] f = Files.readString(t.resolve("schedstat")).trim().split("\\s+");
          cpu += Long.parseLong(f[0]);
          wait += Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
          // The thread ended between the listing and the read.
        }
      }
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
    return new long[] {cpu, wait};
  }

  @Override
  public void close() {
    running = false;
    try {
      sampler.join(1_000);
      if (hiccups != null) {
        hiccups.join(1_000);
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
