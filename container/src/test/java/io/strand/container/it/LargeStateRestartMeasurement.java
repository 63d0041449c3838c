package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.local.StoreDirLayout;
import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.TaskName;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testsupport.JarClassPath;
import io.strand.context.Context;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.testkit.kafka.BrokerMode;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kafka.TestJobConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: measures how long a clean restart of a container holding a large RocksDB store
 * (about 1 GB on disk by default) takes to reach its first processed message.
 *
 * <p>A one-task job (one input partition, a RocksDB store with a changelog) loads the state: each
 * input message {@code load:<i>} makes the task put {@value #KEYS_PER_MESSAGE} distinct keys with
 * random (incompressible) values. The input is bounded, so the job ends by itself with a final
 * commit (snapshot + {@code OFFSET}). Then, per restart, one {@code probe} message is produced and
 * the job is started again; the time from job creation/submit to the task's {@code process} call
 * of the probe is measured, along with the container's restore line (records replayed) and the
 * container's own log lines, to show where the time goes. Restarts run in thread mode (this JVM,
 * warm) and then in process mode (a fresh container JVM, as on a real restart); one more process
 * restart runs with the container JVM's class-load log on, whose timestamps show how its start-up
 * splits between JVM boot, job model and checkpoint reads, RocksDB and the restore.
 * Process restarts launch the container JVM from a jar-only copy of the class path, as the
 * dist's {@code lib/} does: the first one dumps the class-data sharing archive at its exit
 * ({@code strand.process.cds.*}), the later ones start from it.
 *
 * <p>Run with (sizes optional):
 * {@code mvn -B -q -pl container verify -Dcontainer.excludedGroups=none
 * -Dtest=LargeStateRestartMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlarge.state.keys=1000000 -Dlarge.state.value.bytes=1024}
 */
@Tag("measurement")
class LargeStateRestartMeasurement {

  static final String STORE = "big";
  static final int KEYS_PER_MESSAGE = 1000;
  static final long KEYS = Long.getLong("large.state.keys", 1_000_000L);
  static final int VALUE_BYTES = Integer.getInteger("large.state.value.bytes", 1024);
  private static final int THREAD_RESTARTS = Integer.getInteger("large.state.thread.restarts", 3);
  private static final int PROCESS_RESTARTS = Integer.getInteger("large.state.process.restarts", 2);
  static final long LOAD_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(15);

  /** System.nanoTime of the probe's process call (thread mode); 0 until then. */
  static final AtomicLong PROBE_NANOS = new AtomicLong();
  /** System.nanoTime of the task's init (thread mode). */
  static final AtomicLong INIT_NANOS = new AtomicLong();

  @TempDir
  Path workDir;

  @Test
  void restartWithLargeLocalState() throws Exception {
    LogCapture capture = LogCapture.install();
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(
        BrokerSettings.defaults().withMode(BrokerMode.CHILD_JVM).withChildHeapMb(1024))) {
      String jobName = kafka.uniqueTopic("bigstate");
      String input = kafka.uniqueTopic("bigstate-in");
      String changelog = kafka.uniqueTopic("bigstate-changelog");
      kafka.client().createTopic(input, 1);
      Path storeDir = workDir.resolve("stores");
      Path probeFile = workDir.resolve("probe-millis");
      Path instanceDir = new StoreDirLayout(storeDir, jobName, JobConfig.DEFAULT_JOB_ID)
          .instanceDir(STORE, new TaskName("Partition 0"));

      // 1. Load.
      long loadMessages = (KEYS + KEYS_PER_MESSAGE - 1) / KEYS_PER_MESSAGE;
      List<String> load = new ArrayList<>();
      for (long i = 0; i < loadMessages; i++) {
        load.add("load:" + i);
      }
      produce(kafka, input, load);
      Config threadConfig = config(kafka.bootstrapServers(), jobName, input, changelog, ThreadJobFactory.class,
          probeFile);
      long loadStart = System.nanoTime();
      StreamJob loadJob = new ThreadJobFactory().getJob(threadConfig);
      loadJob.submit();
      assertEquals(JobStatus.SUCCEEDED, loadJob.waitForFinish(LOAD_TIMEOUT_MS));
      long loadMs = ms(System.nanoTime() - loadStart);
      long onDisk = duBytes(instanceDir);
      long dbOnDisk = duBytes(instanceDir.resolve("db"));
      long changelogBytes = duBytes(kafka.dataDir());
      System.out.printf("MEASURE load: %d keys x %d-byte values (%d MB raw) in %d ms (%d keys/s); store dir %s on"
              + " disk %d MB (db/ alone %d MB, snapshots hard-linked); broker data dir %d MB; OFFSET: %s%n",
          KEYS, VALUE_BYTES, KEYS * VALUE_BYTES >> 20, loadMs, KEYS * 1000 / Math.max(1, loadMs), instanceDir,
          onDisk >> 20, dbOnDisk >> 20, changelogBytes >> 20,
          Files.readString(instanceDir.resolve("OFFSET")).replaceAll("\\s+", " ").trim());
      System.out.println("MEASURE store dir listing:\n" + listing(instanceDir));

      // 2. Restarts in thread mode: this JVM, classes loaded and JIT warm.
      List<String> summary = new ArrayList<>();
      for (int r = 1; r <= THREAD_RESTARTS; r++) {
        produce(kafka, input, List.of("probe"));
        PROBE_NANOS.set(0);
        INIT_NANOS.set(0);
        capture.clear();
        long t0 = System.nanoTime();
        StreamJob job = new ThreadJobFactory().getJob(threadConfig);
        long submitted = System.nanoTime();
        job.submit();
        while (PROBE_NANOS.get() == 0 && !job.status().isFinished() && System.nanoTime() - t0 < 120_000_000_000L) {
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll until the probe or the deadline
        }
        long probe = PROBE_NANOS.get();
        assertTrue(probe != 0, "the probe was processed: " + job.status());
        assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(120_000));
        String restore = capture.restoreLine();
        String line = String.format("thread restart %d: job created+submitted -> first process() %d ms"
                + " (getJob %d ms, submit -> init %d ms, init -> process %d ms); %s", r, ms(probe - t0),
            ms(submitted - t0), ms(INIT_NANOS.get() - submitted), ms(probe - INIT_NANOS.get()), restore);
        summary.add(line);
        System.out.println("MEASURE " + line);
        System.out.println("MEASURE timeline (ms after job creation):\n" + capture.timeline(t0));
      }

      // 3. Restarts in process mode: a fresh container JVM, as after a real restart.
      Config processConfig = config(kafka.bootstrapServers(), jobName, input, changelog, ProcessJobFactory.class,
          probeFile);
      // Kept after the run (target/ of the module) for a closer look.
      Path classLog = Path.of("target", "large-state-container-class-load.log").toAbsolutePath();
      Files.deleteIfExists(classLog);
      Config instrumented = config(kafka.bootstrapServers(), jobName, input, changelog, ProcessJobFactory.class,
          probeFile, " -Xlog:class+load=info:file=" + classLog + ":uptimemillis");
      // Jars only, as the dist's lib/: the first process restart dumps the class-data sharing
      // archive at its exit, the later ones start from it.
      String jarClassPath = JarClassPath.of(workDir.resolve("jars"));
      for (int r = 1; r <= PROCESS_RESTARTS + 1; r++) {
        // The last one is instrumented: the container JVM logs each class it loads, with its uptime.
        boolean instrument = r == PROCESS_RESTARTS + 1;
        produce(kafka, input, List.of("probe"));
        Files.deleteIfExists(probeFile);
        boolean archived = hasArchive(workDir.resolve("cds"));
        long t0Millis = System.currentTimeMillis();
        ProcessJob job = new ProcessJobFactory().newJob(instrument ? instrumented : processConfig, jarClassPath);
        job.submit();
        assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(180_000), () -> TrimAfterCrashTest.log(job));
        String[] probe = Files.readString(probeFile).trim().split(",");
        long initMillis = Long.parseLong(probe[0]);
        long probeMillis = Long.parseLong(probe[1]);
        List<String> all = Files.readAllLines(job.logFile("0"));
        int lastStart = 0;
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).startsWith("===")) {
            lastStart = i;
          }
        }
        List<String> log = all.subList(lastStart, all.size());
        String restore = log.stream().filter(l -> l.contains("restored store '" + STORE + "'")).reduce((a, b) -> b)
            .map(LogCapture::restoreSummary).orElse("no restore line");
        String line = String.format("process restart %d%s%s: job created+submitted -> first process() %d ms"
                + " (-> task init %d ms, init -> process %d ms); %s", r, instrument ? " (instrumented: class-load log)" : "",
            archived ? " (from the class-data sharing archive)" : " (no class-data sharing archive yet)",
            probeMillis - t0Millis,
            initMillis - t0Millis, probeMillis - initMillis, restore);
        summary.add(line);
        System.out.println("MEASURE " + line);
        System.out.println("MEASURE container log (wall clock; job created at " + clock(t0Millis) + "):\n"
            + String.join("\n", log.stream().filter(l -> l.contains(" INFO ") || l.contains("===")).toList()));
        if (instrument) {
          System.out.println("MEASURE container JVM milestones (uptime ms at first load of the class; log in "
              + classLog + "):\n" + classMilestones(classLog));
        }
      }

      System.out.printf("MEASURE SUMMARY: %d keys x %d B, store dir %d MB on disk, load %d ms%n", KEYS, VALUE_BYTES,
          duBytes(instanceDir) >> 20, loadMs);
      summary.forEach(s -> System.out.println("MEASURE SUMMARY: " + s));
    } finally {
      capture.remove();
    }
  }

  private static boolean hasArchive(Path cdsDir) throws IOException {
    if (!Files.isDirectory(cdsDir)) {
      return false;
    }
    try (java.util.stream.Stream<Path> files = Files.list(cdsDir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
    }
  }

  private static Config config(String bootstrap, String jobName, String input, String changelog, Class<?> factory,
      Path probeFile) {
    return config(bootstrap, jobName, input, changelog, factory, probeFile, "");
  }

  private static Config config(String bootstrap, String jobName, String input, String changelog, Class<?> factory,
      Path probeFile, String extraJvmOpts) {
    return config(bootstrap, jobName, input, changelog, factory, probeFile, extraJvmOpts, Map.of());
  }

  /**
   * The job's config.
   *
   * @param overrides keys to set on top (an empty value removes the key)
   */
  static Config config(String bootstrap, String jobName, String input, String changelog, Class<?> factory,
      Path probeFile, String extraJvmOpts, Map<String, String> overrides) {
    Map<String, String> m = new TreeMap<>();
    Path workDir = probeFile.getParent();
    m.put("job.name", jobName);
    m.put("job.container.count", "1");
    m.put("job.factory.class", factory.getName());
    m.put("job.logged.store.base.dir", workDir.resolve("stores").toString());
    m.put("job.non-logged.store.base.dir", workDir.resolve("non-logged-stores").toString());
    m.put("task.class", LoadTask.class.getName());
    m.put("task.inputs", "kafka." + input);
    m.put("task.commit.ms", "600000");
    m.put("task.shutdown.ms", "60000");
    TestJobConfigs.putStringKafkaSystem(m, bootstrap);
    m.put("systems.kafka.producer.batch.size", String.valueOf(512 * 1024));
    m.put("systems.kafka.producer.linger.ms", "10");
    TestJobConfigs.putBoundedInput(m, input);
    m.put("stores." + STORE + ".factory", "io.strand.kv.RocksDbStoreFactory");
    m.put("stores." + STORE + ".key.serde", "string");
    m.put("stores." + STORE + ".msg.serde", "bytes");
    m.put("stores." + STORE + ".changelog", "kafka." + changelog);
    m.put("strand.process.work.dir", workDir.toString());
    m.put("strand.process.cds.dir", workDir.resolve("cds").toString());
    // The per-instance restore line is at DEBUG; this config has it (see RestoreLogLines).
    m.put("task.opts", "-Xmx1g -Dlog4j2.configurationFile=log4j2-restore-lines.xml" + extraJvmOpts);
    m.put("test.large.keys", String.valueOf(KEYS));
    m.put("test.large.value.bytes", String.valueOf(VALUE_BYTES));
    m.put("test.large.probe.file", probeFile.toString());
    overrides.forEach((k, v) -> {
      if (v.isEmpty()) {
        m.remove(k);
      } else {
        m.put(k, v);
      }
    });
    return Config.of(m);
  }

  static void produce(EmbeddedKafkaBroker kafka, String topic, List<String> values) {
    try (KafkaProducer<String, String> producer = kafka.client().stringProducer()) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, 0, null, v));
      }
      producer.flush();
    }
  }

  /** When (JVM uptime) the container JVM first loaded some telling classes, and how many it loaded by then. */
  private static String classMilestones(Path classLog) throws IOException {
    String[][] milestones = {
        {"java.lang.Object", "JVM up"},
        {"io.strand.container.runner.ContainerMain", "main class loaded"},
        {"io.strand.container.coordinator.JobModels", "job model read (JobModels)"},
        {"org.apache.kafka.clients.consumer.KafkaConsumer", "first Kafka consumer"},
        {"io.strand.container.runner.ContainerHosts", "host recorded (job model read by then)"},
        {"io.micrometer.jmx.JmxMeterRegistry", "metrics registry (JMX)"},
        {"io.strand.container.assembly.StreamContainer", "StreamContainer"},
        {"io.strand.container.checkpoint.KafkaCheckpointManager", "checkpoint manager"},
        {"org.rocksdb.RocksDB", "RocksDB (JNI library load)"},
        {"io.strand.changelog.InstanceRestorer", "restore"},
        {"io.strand.container.it.LargeStateRestartMeasurement$LoadTask", "task class (init follows)"},
    };
    List<String> lines = Files.readAllLines(classLog);
    Pattern uptime = Pattern.compile("^\\[(\\d+)ms\\]");
    StringBuilder b = new StringBuilder();
    for (String[] m : milestones) {
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.contains(" " + m[0] + " ")) {
          Matcher u = uptime.matcher(l);
          b.append(String.format("  %6s ms  %-30s (%d classes loaded so far)%n", u.find() ? u.group(1) : "?", m[1],
              i + 1));
          break;
        }
      }
    }
    Matcher last = uptime.matcher(lines.get(lines.size() - 1));
    b.append(String.format("  %6s ms  last class loaded (%d in all)", last.find() ? last.group(1) : "?",
        lines.size()));
    return b.toString();
  }

  static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static String clock(long epochMillis) {
    return java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), java.time.ZoneId.systemDefault())
        .toString();
  }

  static long duBytes(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return Long.parseLong(out.trim().split("\\s+")[0]) * 1024;
  }

  static String listing(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", "cd '" + dir + "' && du -sk --count-links db snapshots/* OFFSET"
        + " && ls db | head -5 && echo '...' && ls db | wc -l").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out.trim();
  }

  /**
   * The job's task: {@code load:<i>} puts keys {@code i*1000 .. i*1000+999} with random values;
   * {@code probe} records when it is processed (static field and, for process mode, a file) and
   * reads the first and last key, which must be there. With {@code test.large.progress.file} set
   * it also writes, after each message, how many messages this JVM has processed, and appends
   * {@code <init millis>,<first process() millis>} to {@code test.large.first.file} at its first
   * message (the SIGKILL measurement's clock).
   */
  public static final class LoadTask implements StreamTask, InitableTask {
    private KeyValueStore<String, byte[]> store;
    private int valueBytes;
    private long keys;
    private Path probeFile;
    private Optional<Path> progressFile;
    private Optional<Path> firstFile;
    private long processed;
    private long initMillis;
    private final SplittableRandom random = new SplittableRandom(42);

    @Override
    public void init(Context context) {
      INIT_NANOS.set(System.nanoTime());
      initMillis = System.currentTimeMillis();
      Config config = context.getJobContext().getConfig();
      store = context.getTaskContext().getStore(STORE);
      valueBytes = config.getInt("test.large.value.bytes", 1024);
      keys = config.getLong("test.large.keys", 0);
      probeFile = Path.of(config.get("test.large.probe.file").orElseThrow());
      progressFile = config.get("test.large.progress.file").map(Path::of);
      firstFile = config.get("test.large.first.file").map(Path::of);
    }

    @Override
    public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
      if (processed++ == 0 && firstFile.isPresent()) {
        write(firstFile.get(), initMillis + "," + System.currentTimeMillis() + System.lineSeparator(), true);
      }
      process((String) envelope.getMessage());
      progressFile.ifPresent(f -> write(f, Long.toString(processed), false));
    }

    private static void write(Path file, String text, boolean append) {
      try {
        if (append) {
          Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } else {
          Files.writeString(file, text);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private void process(String value) {
      if (value.equals("probe")) {
        long now = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        PROBE_NANOS.compareAndSet(0, now);
        if (store.get(key(0)) == null || store.get(key(keys - 1)) == null) {
          throw new IllegalStateException("the restored store lacks the first or last key");
        }
        try {
          Files.writeString(probeFile, initMillis + "," + nowMillis);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return;
      }
      long batch = Long.parseLong(value.substring("load:".length()));
      for (long k = batch * KEYS_PER_MESSAGE; k < Math.min(keys, (batch + 1) * KEYS_PER_MESSAGE); k++) {
        byte[] v = new byte[valueBytes];
        random.nextBytes(v);
        store.put(key(k), v);
      }
    }

    private static String key(long k) {
      return String.format("k%010d", k);
    }
  }

  /** Collects io.strand INFO lines of this JVM with their System.nanoTime, for the timeline. */
  static final class LogCapture extends AbstractAppender {
    private static final Pattern RESTORED = Pattern.compile("restored store '[^']+' of task '[^']+': (.*)");

    private record Line(long nanos, String thread, String text) { }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
      super("measurement-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static LogCapture install() {
      LogCapture c = new LogCapture();
      c.start();
      LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
      LoggerConfig strand = ctx.getConfiguration().getLoggerConfig("io.strand");
      strand.addAppender(c, Level.DEBUG, null);
      // The per-instance restore line is at DEBUG; everything else is read at INFO.
      org.apache.logging.log4j.core.config.Configurator.setLevel(
          "io.strand.container.storage", Level.DEBUG);
      ctx.updateLoggers();
      return c;
    }

    void remove() {
      LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
      ctx.getConfiguration().getLoggerConfig("io.strand").removeAppender(getName());
      ctx.updateLoggers();
      stop();
    }

    @Override
    public void append(LogEvent event) {
      lines.add(new Line(System.nanoTime(), event.getThreadName(), event.getMessage().getFormattedMessage()));
    }

    void clear() {
      lines.clear();
    }

    String restoreLine() {
      return lines.stream().map(Line::text).filter(t -> t.contains("restored store '" + STORE + "'"))
          .reduce((a, b) -> b).map(LogCapture::restoreSummary).orElse("no restore line");
    }

    static String restoreSummary(String line) {
      Matcher m = RESTORED.matcher(line);
      return m.find() ? "restore: " + m.group(1) : line;
    }

    String timeline(long t0) {
      StringBuilder b = new StringBuilder();
      for (Line l : lines) {
        b.append(String.format("  %6d  [%s] %s%n", ms(l.nanos - t0), l.thread, l.text));
      }
      return b.toString().stripTrailing();
    }
  }
}
