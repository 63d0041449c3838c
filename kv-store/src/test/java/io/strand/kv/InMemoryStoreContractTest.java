package io.strand.kv;

import io.strand.kv.engine.BytesStore;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strand.kv.inmemory.InMemoryStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store contract, against the in-memory engine. */
class InMemoryStoreContractTest extends StoreContractTest {

  @Override
  StoreFactory factory() {
    return new InMemoryStoreFactory();
  }

  @Override
  BytesStore openEngine(String name, Path dir) {
    return new InMemoryStore(name, TASK.name());
  }

  @Test
  void checkpointIsUnsupported() {
    BytesStore s = engine();
    assertThrows(UnsupportedOperationException.class, () -> s.checkpoint(tmp.resolve("cp")));
  }
}
