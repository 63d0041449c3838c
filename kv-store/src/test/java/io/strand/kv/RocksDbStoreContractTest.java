package io.strand.kv;

import io.strand.config.Config;
import io.strand.kv.engine.BytesStore;
import io.strand.kv.rocksdb.RocksDbSettings;
import io.strand.kv.rocksdb.RocksDbStore;
import java.nio.file.Path;
import java.util.Map;

/** The store contract, against the RocksDB engine. */
class RocksDbStoreContractTest extends StoreContractTest {

  @Override
  StoreFactory factory() {
    return new RocksDbStoreFactory();
  }

  @Override
  BytesStore openEngine(String name, Path dir) {
    return RocksDbStore.open(name, TASK.name(), dir, RocksDbSettings.fromConfig(name, Config.of(Map.of())), resources);
  }
}
