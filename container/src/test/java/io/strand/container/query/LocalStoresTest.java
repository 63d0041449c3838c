package io.strand.container.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.job.JobIdentity;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.context.TaskName;
import io.strand.kv.StoreHandle;
import io.strand.kv.inmemory.InMemoryStore;
import io.strand.kv.layers.SerializedStore;
import io.strand.serializers.Serde;
import io.strand.serializers.StringSerde;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.KeyNotLocalException;
import io.strand.storage.query.ReadOnlyKeyValueStore;
import io.strand.storage.query.StoreUnavailableException;
import io.strand.system.Partition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The JVM registry over real (in-memory) engines: a key is read from the task the locator names,
 * a key of a container not registered here is a KeyNotLocalException, and closing a registration
 * fails later reads and open iterators cleanly instead of reaching a closed store.
 */
class LocalStoresTest {

  @SuppressWarnings("unchecked")
  private static final Serde<Object> STRINGS = (Serde<Object>) (Serde<?>) new StringSerde();

  private static JobModel model() {
    return new JobModel("job", "1", "g", List.of(
        new ContainerModel("0", List.of(task(0))), new ContainerModel("1", List.of(task(1)))));
  }

  private static TaskModel task(int p) {
    return new TaskModel(new TaskName("Partition " + p), List.of(), new Partition(p));
  }

  private static StoreHandle handle(TaskName task, InMemoryStore engine) {
    return new StoreHandle("counts", task, new SerializedStore(engine, STRINGS, "string", STRINGS), engine, engine);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keysAreReadFromTheirTaskAndAClosedRegistrationAnswersNoMore() throws Exception {
    JobIdentity job = new JobIdentity("registry-" + UUID.randomUUID(), "1");
    JobModel model = model();
    StoreLocator locator = new StoreLocator(model, Map.of());
    InMemoryStore engine = new InMemoryStore("counts", "Partition 0");
    // Container 0 (task Partition 0) runs here; container 1 does not.
    List<String> mine = new ArrayList<>();
    String foreign = null;
    for (int i = 0; i < 50; i++) {
      String key = "k" + i;
      if (locator.locate(utf8(key)).containerId().equals("0")) {
        engine.put(utf8(key), utf8(String.valueOf(i)));
        mine.add(key);
      } else if (foreign == null) {
        foreign = key;
      }
    }
    AutoCloseable registration = LocalStores.register(job, model, "0",
        Map.of(new TaskName("Partition 0"), Map.of("counts", handle(new TaskName("Partition 0"), engine))),
        Map.of("counts", new StoreFormat("counts", STRINGS, STRINGS, new PlainLayout())));
    ReadOnlyKeyValueStore<String, String> view = QueryableState.keyValueStore(job.name(), job.id(), "counts");
    for (String key : mine) {
      assertEquals(key.substring(1), view.get(key));
    }
    String notHere = foreign;
    KeyNotLocalException e = assertThrows(KeyNotLocalException.class, () -> view.get(notHere));
    assertEquals("1", e.containerId());
    assertEquals("Partition 1", e.taskName());
    assertThrows(StoreUnavailableException.class, () -> QueryableState.keyValueStore(job.name(), job.id(), "other")
        .get("k1"));
    Map<String, String> all = new TreeMap<>();
    try (KeyValueIterator<String, String> it = view.all()) {
      it.forEachRemaining(en -> all.put(en.getKey(), en.getValue()));
    }
    assertEquals(mine.size(), all.size());

    KeyValueIterator<String, String> open = view.all();
    assertTrue(open.hasNext());
    registration.close();
    // At most the one entry hasNext already read is returned; the iterator then fails instead of reading on.
    assertThrows(StoreUnavailableException.class, () -> {
      while (open.hasNext()) {
        open.next();
      }
    }, "an iterator left open fails once the store closes");
    open.close();
    StoreUnavailableException gone = assertThrows(StoreUnavailableException.class, () -> view.get(mine.get(0)));
    assertTrue(gone.getMessage().contains(job.name()), gone.getMessage());
    engine.close(); // no read reaches it any more
  }

  @Test
  void rangeReadsSerializedKeyOrderWithinATask() throws Exception {
    JobIdentity job = new JobIdentity("registry-" + UUID.randomUUID(), "1");
    JobModel single = new JobModel("job", "1", "g", List.of(new ContainerModel("0", List.of(task(0)))));
    InMemoryStore engine = new InMemoryStore("counts", "Partition 0");
    for (String k : new String[] {"a", "b", "ba", "c", "d"}) {
      engine.put(utf8(k), utf8(k.toUpperCase()));
    }
    try (AutoCloseable r = LocalStores.register(job, single, "0",
        Map.of(new TaskName("Partition 0"), Map.of("counts", handle(new TaskName("Partition 0"), engine))),
        Map.of("counts", new StoreFormat("counts", STRINGS, STRINGS, new PlainLayout())))) {
      List<String> keys = new ArrayList<>();
      try (KeyValueIterator<String, String> it = QueryableState.<String, String>keyValueStore(job.name(), job.id(),
          "counts").range("b", "d")) {
        while (it.hasNext()) {
          Entry<String, String> e = it.next();
          keys.add(e.getKey() + "=" + e.getValue());
        }
      }
      assertEquals(List.of("b=B", "ba=BA", "c=C"), keys);
    }
    engine.close();
  }
}
