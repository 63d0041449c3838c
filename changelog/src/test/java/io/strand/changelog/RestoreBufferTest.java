package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.changelog.restore.RestoreBuffer;
import io.strand.config.Config;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.kv.rocksdb.RocksDbSettings;
import io.strand.kv.rocksdb.RocksDbStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore buffer against a real RocksDB engine: last write wins, across write-downs too. */
class RestoreBufferTest {

  @TempDir
  Path dir;
  private RocksDbContainerResources resources;
  private RocksDbStore engine;

  @BeforeEach
  void open() {
    resources = new RocksDbContainerResources(16L * 1024 * 1024, new SimpleMeterRegistry(), "test", "0");
    engine = RocksDbStore.open("s", "Partition 0", dir, RocksDbSettings.fromConfig("s", Config.of(Map.of())),
        resources);
  }

  @AfterEach
  void close() {
    engine.close();
    resources.close();
  }

  @Test
  void onlyTheLastWriteOfAKeyReachesTheEngine() {
    engine.put(b("old"), b("o"));
    RestoreBuffer buffer = new RestoreBuffer(engine, RestoreBuffer.DEFAULT_MAX_BYTES);
    for (int i = 0; i < 1_000; i++) {
      buffer.put(b("k" + i % 10), b("v" + i));
    }
    buffer.put(b("old"), null);
    buffer.put(b("k3"), null);
    buffer.put(b("gone"), b("g"));
    buffer.put(b("gone"), null);
    assertArrayEquals(b("o"), engine.get(b("old")), "nothing written before the bound or the flush");
    buffer.flush();
    assertEquals(12, buffer.written(), "k0..k9, old and gone, once each");
    assertNull(engine.get(b("old")), "a tombstone deletes what the engine held");
    assertNull(engine.get(b("k3")));
    assertNull(engine.get(b("gone")));
    assertArrayEquals(b("v999"), engine.get(b("k9")));
    assertArrayEquals(b("v990"), engine.get(b("k0")));
  }

  @Test
  void aFullBufferIsWrittenDownAndLaterWritesStillWin() {
    RestoreBuffer buffer = new RestoreBuffer(engine, 1_000); // about ten entries
    for (int i = 0; i < 500; i++) {
      buffer.put(b("k" + i % 50), b("v" + i));
    }
    buffer.put(b("k7"), null);
    buffer.flush();
    assertTrue(buffer.written() > 50, "write-downs happened along the way: " + buffer.written());
    for (int k = 0; k < 50; k++) {
      if (k == 7) {
        assertNull(engine.get(b("k7")));
      } else {
        assertArrayEquals(b("v" + (450 + k)), engine.get(b("k" + k)));
      }
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
