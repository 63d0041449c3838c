package io.strand.config.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterManagerConfigTest {

  @Test
  void defaultsAreSamzas() {
    ClusterManagerConfig cluster = new ClusterManagerConfig(Config.of(Map.of()));
    assertEquals(1024, cluster.getContainerMemoryMb());
    assertEquals(1, cluster.getContainerCpuCores());
    assertEquals(8, cluster.getContainerRetryCount());
    assertEquals(300_000, cluster.getContainerRetryWindowMs());
    assertEquals(5_000, cluster.getContainerRequestTimeoutMs());
    assertFalse(cluster.isHostAffinityEnabled());
    assertEquals(1024, cluster.getYarnAmContainerMemoryMb());
    assertFalse(cluster.getYarnPackagePath().isPresent());
    assertFalse(cluster.getYarnQueue().isPresent());
    assertFalse(cluster.getYarnAmOpts().isPresent());
  }

  @Test
  void valuesAreRead() {
    ClusterManagerConfig cluster = new ClusterManagerConfig(Config.of(Map.of(
        "cluster-manager.container.memory.mb", "2048",
        "cluster-manager.container.retry.window.ms", "10m",
        "cluster-manager.container.request.timeout.ms", "2s",
        "job.host-affinity.enabled", "true",
        "yarn.package.path", "hdfs:///strand/job.tar.gz",
        "yarn.am.opts", "-Xmx512m",
        "yarn.queue", "streams")));
    assertEquals(2048, cluster.getContainerMemoryMb());
    assertEquals(600_000, cluster.getContainerRetryWindowMs());
    assertEquals(2_000, cluster.getContainerRequestTimeoutMs());
    assertTrue(cluster.isHostAffinityEnabled());
    assertEquals("hdfs:///strand/job.tar.gz", cluster.getYarnPackagePath().orElseThrow());
    assertEquals("-Xmx512m", cluster.getYarnAmOpts().orElseThrow());
    assertEquals("streams", cluster.getYarnQueue().orElseThrow());
  }

  @Test
  void olderYarnSpellingsAreHonouredAndNamedInProblems() {
    ClusterManagerConfig legacy = new ClusterManagerConfig(Config.of(Map.of(
        "yarn.container.memory.mb", "4096", "yarn.samza.host-affinity.enabled", "true",
        "yarn.container.cpu.cores", "many")));
    assertEquals(4096, legacy.getContainerMemoryMb());
    assertTrue(legacy.isHostAffinityEnabled());
    ConfigException e = assertThrows(ConfigException.class, legacy::getContainerCpuCores);
    assertEquals("yarn.container.cpu.cores", e.problems().get(0).key());

    ClusterManagerConfig both = new ClusterManagerConfig(Config.of(Map.of(
        "yarn.container.memory.mb", "4096", "cluster-manager.container.memory.mb", "512")));
    assertEquals(512, both.getContainerMemoryMb(), "the cluster-manager key wins");
  }
}
