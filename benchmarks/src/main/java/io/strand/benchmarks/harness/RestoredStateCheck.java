package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.Payloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Checks what a restore rebuilt, after its worker exited: opens every RocksDB instance of the count
 * store under the run's state directory read-only and compares the value of each sampled key with
 * the loader's final count (the last value the restore changelog holds for it). Both engines store
 * the serialized key and value as they are, so one reader serves both layouts:
 * Strand's {@code <base>/counts/<task>/db} and Kafka Streams' {@code <state>/<app>/<task>/rocksdb/counts}.
 *
 * <p>Threading: one call at a time.
 */
final class RestoredStateCheck {

  private final String store;

  /** @param store the store's name ({@code counts}) */
  RestoredStateCheck(String store) {
    this.store = store;
  }

  /**
   * @param stateDir the restore run's state directory
   * @param expected the loader's expectation
   * @return null when every sampled key holds its final count, else what differs (the first few)
   */
  String check(Path stateDir, Expected expected) {
    List<Path> dbs = instances(stateDir);
    if (dbs.isEmpty()) {
      return "no RocksDB instance of store '" + store + "' under " + stateDir;
    }
    Map<Long, Long> found = new HashMap<>();
    RocksDB.loadLibrary();
    try (Options options = new Options()) {
      for (Path dir : dbs) {
        try (RocksDB db = RocksDB.openReadOnly(options, dir.toString())) {
          for (long key : expected.totals().keySet()) {
            byte[] value = db.get(Payloads.key(key));
            if (value != null && found.put(key, Payloads.keyId(value)) != null) {
              return "key " + key + " is in more than one store instance";
            }
          }
        } catch (RocksDBException e) {
          return "cannot read " + dir + ": " + e.getMessage();
        }
      }
    }
    StringBuilder diff = new StringBuilder();
    int differences = 0;
    for (Map.Entry<Long, Long> e : expected.totals().entrySet()) {
      long got = found.getOrDefault(e.getKey(), 0L);
      if (got != e.getValue() && differences++ < 3) {
        diff.append(" key ").append(e.getKey()).append(": expected ").append(e.getValue()).append(", restored ")
            .append(got).append(';');
      }
    }
    return differences == 0 ? null : differences + " of " + expected.totals().size() + " sampled keys differ:" + diff;
  }

  private List<Path> instances(Path stateDir) {
    List<Path> dbs = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(stateDir)) {
      paths.filter(p -> Files.isRegularFile(p.resolve("CURRENT"))).forEach(p -> {
        boolean strand = p.getFileName().toString().equals("db") && p.getParent().getParent() != null
            && p.getParent().getParent().getFileName().toString().equals(store);
        boolean streams = p.getFileName().toString().equals(store) && p.getParent().getFileName().toString().equals("rocksdb");
        if (strand || streams) {
          dbs.add(p);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + stateDir, e);
    }
    return dbs;
  }
}
