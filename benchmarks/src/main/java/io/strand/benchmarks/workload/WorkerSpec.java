package io.strand.benchmarks.workload;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What one worker JVM runs, handed over as a properties file.
 *
 * @param workload the workload
 * @param bootstrapServers the broker
 * @param input the topic read (for {@link Kind#READ}: the changelog read; for {@link Kind#RESTORE}:
 *     the count job's input, whose offsets are already committed at its end, so nothing is processed)
 * @param output the topic written (unused by READ and RESTORE)
 * @param jobName Strand's {@code job.name} / Kafka Streams' {@code application.id}; a Kafka Streams
 *     restore is named so that {@code <jobName>-counts-changelog} is the restore changelog
 * @param changelog for a Strand {@link Kind#RESTORE}: the count store's changelog topic to restore
 *     from; for the raw exactly-once count: the changelog topic it writes; empty otherwise (a
 *     job's changelog is then named after the job)
 * @param stateDir an empty directory for local state (RocksDB)
 * @param expectedRecords records the run must process (throughput mode; for RESTORE and READ, the
 *     changelog records); the run ends once it has
 * @param latencyMode true: read the input unbounded until the harness closes stdin, with
 *     {@link ClientSettings#latencyOverrides()}
 * @param storeCache the count stores' record cache
 */
public record WorkerSpec(Workload workload, String bootstrapServers, String input, String output, String jobName,
    String changelog, Path stateDir, long expectedRecords, boolean latencyMode, StoreCache storeCache) {

  /**
   * @param file where to write
   * @throws IOException if it cannot be written
   */
  public void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("workload", workload.name());
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("input", input);
    p.setProperty("output", output);
    p.setProperty("job.name", jobName);
    p.setProperty("changelog", changelog);
    p.setProperty("state.dir", stateDir.toString());
    p.setProperty("expected.records", Long.toString(expectedRecords));
    p.setProperty("latency.mode", Boolean.toString(latencyMode));
    p.setProperty("store.cache.entries", Integer.toString(storeCache.entriesPerTask()));
    p.setProperty("store.cache.streams.bytes", Long.toString(storeCache.streamsBytes()));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "Strand benchmark worker spec");
    }
  }

  /**
   * @param file a file written by {@link #write(Path)}
   * @return the spec
   * @throws IOException if it cannot be read
   */
  public static WorkerSpec read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new WorkerSpec(Workload.valueOf(p.getProperty("workload")), p.getProperty("bootstrap.servers"),
        p.getProperty("input"), p.getProperty("output"), p.getProperty("job.name"), p.getProperty("changelog"),
        Path.of(p.getProperty("state.dir")), Long.parseLong(p.getProperty("expected.records")),
        Boolean.parseBoolean(p.getProperty("latency.mode")),
        new StoreCache(Integer.parseInt(p.getProperty("store.cache.entries")),
            Long.parseLong(p.getProperty("store.cache.streams.bytes"))));
  }
}
