package io.strand.context;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.strand.Partition;
import io.strand.container.TaskName;
import io.strand.job.model.TaskModel;
import io.strand.metrics.MetricsRegistry;
import io.strand.storage.kv.KeyValueStore;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code TaskContext.getStore} compiles in both idioms a task uses: Strand's, typing the store by
 * assignment (or by the parameter it is passed to), and Samza's, casting what it returns. This
 * file not compiling is the failure.
 */
class StoreTypingTest {

  private static final KeyValueStore<?, ?> STORE = (KeyValueStore<?, ?>) Proxy.newProxyInstance(
      StoreTypingTest.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
        throw new UnsupportedOperationException(method.getName());
      });

  private static final TaskContext CONTEXT = new TaskContext() {
    @Override
    public TaskModel getTaskModel() {
      return new TaskModel(new TaskName("Partition 0"), Set.of(), new Partition(0));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends KeyValueStore<?, ?>> S getStore(String name) {
      return (S) STORE;
    }

    @Override
    public MetricsRegistry getTaskMetricsRegistry() {
      throw new UnsupportedOperationException("not used here");
    }
  };

  private record Directory(KeyValueStore<String, Integer> store) { }

  @Test
  void strandsAssignmentTypesTheStore() {
    KeyValueStore<String, Long> counts = CONTEXT.getStore("counts");
    assertSame(STORE, counts);
    assertSame(STORE, new Directory(CONTEXT.getStore("counts")).store(), "typed by the parameter");
    var untyped = CONTEXT.getStore("counts");
    KeyValueStore<?, ?> wildcard = untyped;
    assertSame(STORE, wildcard);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void samzasCastCompilesWithAnUncheckedWarningAsInSamza() {
    TaskContext taskContext = CONTEXT;
    KeyValueStore<String, Integer> counts = (KeyValueStore<String, Integer>) taskContext.getStore("counts");
    assertSame(STORE, counts);
    KeyValueStore raw = (KeyValueStore) taskContext.getStore("counts");
    assertSame(STORE, raw);
  }
}
