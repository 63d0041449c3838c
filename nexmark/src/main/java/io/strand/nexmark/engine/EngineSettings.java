package io.strand.nexmark.engine;

import java.nio.file.Path;

/**
 * Where and how an engine runs a query.
 *
 * @param bootstrapServers the brokers
 * @param runId unique per run: use it in application ids, consumer groups, job names and
 *     transactional ids so no run sees another's offsets or state
 * @param workDir an empty directory of this run for state (RocksDB, checkpoints)
 * @param parallelism threads that process records (Kafka Streams' stream threads, Flink's
 *     parallelism, Strand's task threads), at least 1
 * @param maxAuctionDurationMs the longest {@code expires - dateTime} of any auction in the input
 *     ({@code EventGenerator.maxAuctionDurationMs}), ms: the interval join of Q4 buffers bids this
 *     long after an auction opens
 */
public record EngineSettings(String bootstrapServers, String runId, Path workDir, int parallelism,
    long maxAuctionDurationMs) {

  /**
   * Checks the parallelism.
   *
   * @throws IllegalArgumentException if it is below 1
   */
  public EngineSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
  }
}
