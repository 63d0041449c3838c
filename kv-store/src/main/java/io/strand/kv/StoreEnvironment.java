package io.strand.kv;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import java.util.Objects;

/**
 * What one container shares with every store instance it opens: the names its meters are tagged
 * with, the registry they go to, and the engines' container-wide resources. Made once per
 * container by whoever assembles its stores (the changelog module's {@code ContainerStorage}).
 *
 * <p>Threading: an immutable value; the registry and the RocksDB memory are thread-safe.
 *
 * @param jobName the job name, a meter tag
 * @param containerId the container's id, a meter tag and in log lines
 * @param meterRegistry where the stores' meters go
 * @param rocksDbMemory the container's RocksDB block cache and write-buffer manager, which every
 *     RocksDB store charges its memory to; engines without native memory ignore it
 */
public record StoreEnvironment(String jobName, String containerId, MeterRegistry meterRegistry,
    RocksDbContainerResources rocksDbMemory) {

  /**
   * Checks the components.
   *
   * @param jobName the job name
   * @param containerId the container's id
   * @param meterRegistry the registry
   * @param rocksDbMemory the RocksDB memory
   * @throws NullPointerException if any is null
   */
  public StoreEnvironment {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(rocksDbMemory, "rocksDbMemory");
  }
}
