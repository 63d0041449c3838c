package io.strand.kv;

import io.strand.container.TaskName;
import io.strand.kv.engine.BytesStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything a {@link StoreFactory} needs to build one store instance for one task: the store's
 * resolved settings, the task, the container's shared environment, the instance's directory and
 * the changelog module's logging layer. No raw configuration: every setting was resolved once
 * into {@link StoreSettings} when the container was assembled.
 *
 * <p>The changelog module makes one per (store, task) and supplies {@code loggingLayer}.
 * Immutable; the components themselves are shared objects whose threading is their own.
 *
 * @param settings the store's settings
 * @param taskName the task that owns this instance
 * @param environment the container's meter tags, registry and shared engine memory
 * @param storeDir the instance's directory; created if missing by engines that use one; ignored
 *     by the in-memory engine, which accepts null
 * @param loggingLayer wraps the metered engine in the changelog layer, between the engine and
 *     the object cache; {@link UnaryOperator#identity()} when the store has no changelog; must
 *     not return null
 */
public record StoreContext(
    StoreSettings settings,
    TaskName taskName,
    StoreEnvironment environment,
    Path storeDir,
    UnaryOperator<BytesStore> loggingLayer) {

  /**
   * Checks the required components.
   *
   * @param settings the store's settings
   * @param taskName the owning task
   * @param environment the container's environment
   * @param storeDir the instance's directory, or null for engines without one
   * @param loggingLayer the changelog hook, identity for none
   * @throws NullPointerException if any component but {@code storeDir} is null
   */
  public StoreContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(taskName, "taskName");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(loggingLayer, "loggingLayer");
  }

  /**
   * The store's name.
   *
   * @return {@code settings().name()}
   */
  public String storeName() {
    return settings.name();
  }
}
