package io.strand.kv;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.storage.kv.KeyValueStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Not a test (no JUnit, not run by the build): the store side of {@code bin/benchmark}'s stateful
 * count with 1 M keys, Zipf 1.0 — 8 task stores on RocksDB sharing one container's resources,
 * {@code long} keys and values, object cache = write batch = 100 k entries per task, per record one
 * {@code get} and one {@code put}, every store flushed every {@code commitEvery} records — without
 * Kafka or a changelog, so a loaded machine still gives a usable figure: the thread's CPU time per
 * record, three runs in one JVM (the first warms up). Used in session 8 to compare object cache
 * versions (benchmarks/RESULTS.md, "Session 8"). Run from the repository root after
 * {@code bin/benchmark} has built its class path:
 * {@code java -cp kv-store/target/test-classes:$(cat benchmarks/target/benchmark.classpath)
 * io.strand.kv.ZipfCountMeasurement [records, default 3000000] [commitEvery, default 250000]}.
 */
public final class ZipfCountMeasurement {
  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
    int commitEvery = args.length > 1 ? Integer.parseInt(args[1]) : 250_000;
    int keys = 1_000_000;
    int tasks = 8;
    double[] cdf = new double[keys];
    double sum = 0;
    for (int r = 0; r < keys; r++) {
      sum += 1.0 / (r + 1);
      cdf[r] = sum;
    }
    Random random = new Random(42);
    long[] input = new long[records];
    for (int i = 0; i < records; i++) {
      double u = random.nextDouble() * sum;
      int lo = 0;
      int hi = keys - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) lo = mid + 1; else hi = mid;
      }
      input[i] = (lo * 2654435761L) % 1_000_003L;
    }
    for (int run = 0; run < 3; run++) {
      Path dir = Files.createTempDirectory("zipf-count");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      RocksDbContainerResources resources = new RocksDbContainerResources(512L * 1024 * 1024, registry, "job", "c0");
      Map<String, String> c = new HashMap<>();
      c.put("job.name", "job");
      c.put("stores.counts.key.serde", "long");
      c.put("stores.counts.msg.serde", "long");
      c.put("stores.counts.object.cache.size", "100000");
      c.put("stores.counts.write.batch.size", "100000");
      StoreHandle[] handles = new StoreHandle[tasks];
      @SuppressWarnings("unchecked")
      KeyValueStore<Object, Object>[] stores = new KeyValueStore[tasks];
      for (int t = 0; t < tasks; t++) {
        TaskName task = new TaskName("Partition " + t);
        StoreContext context = new StoreContext(StoreSettings.fromConfig("counts", Config.of(c)), task,
            new StoreEnvironment("job", "c0", registry, resources), dir.resolve("Partition_" + t), UnaryOperator.identity());
        handles[t] = new RocksDbStoreFactory().create(context);
        stores[t] = handles[t].store();
      }
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long cpu0 = mx.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < records; i++) {
        Long key = input[i];
        KeyValueStore<Object, Object> s = stores[(int) (input[i] % tasks)];
        Long previous = (Long) s.get(key);
        s.put(key, previous == null ? 1L : previous + 1);
        if ((i + 1) % commitEvery == 0) {
          for (StoreHandle h : handles) {
            h.flush();
          }
        }
      }
      for (StoreHandle h : handles) {
        h.flush();
      }
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      System.out.printf("run %d: %.3f us CPU/record, %.3f us wall/record%n", run, cpu / 1e3 / records, wall / 1e3 / records);
      for (StoreHandle h : handles) {
        h.close();
      }
      resources.close();
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
