package io.strand.changelog;

import io.strand.changelog.topic.ChangelogTopic;
import io.strand.config.view.ChangelogRecovery;
import io.strand.kv.StoreFactory;
import io.strand.kv.StoreSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured store, resolved once per container: its settings, the factory that opens its
 * instances ({@code stores.<s>.factory}) and its changelog, if it has one.
 *
 * <p>Threading: an immutable value; the factory is stateless.
 *
 * @param settings the store's settings
 * @param factory the engine factory
 * @param changelog the store's changelog, or empty for a store without one (opened empty at every
 *     start)
 * @param changelogRecovery {@code stores.<s>.changelog.recover}: what a restore does when the
 *     changelog lacks the offset the checkpoint names
 * @param containerWide {@code stores.<s>.scope=container}: one instance for the whole container,
 *     handed to every task (a table every task fills from the same broadcast input, as Kafka
 *     Streams keeps one global store per instance for a GlobalKTable); never with a changelog
 */
public record StoreDefinition(StoreSettings settings, StoreFactory factory, Optional<ChangelogTopic> changelog,
    ChangelogRecovery changelogRecovery, boolean containerWide) {

  /**
   * Checks the components.
   *
   * @param settings the store's settings
   * @param factory the engine factory
   * @param changelog the changelog, or empty
   * @param changelogRecovery what a restore does when the changelog lost the checkpointed offset
   * @param containerWide one instance per container instead of one per task
   * @throws NullPointerException if any is null
   * @throws IllegalArgumentException if the changelog belongs to another store, or a
   *     container-wide store has a changelog (its writes belong to no one task's checkpoint)
   */
  public StoreDefinition {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(changelog, "changelog");
    Objects.requireNonNull(changelogRecovery, "changelogRecovery");
    if (changelog.isPresent() && !changelog.get().store().equals(settings.name())) {
      throw new IllegalArgumentException("store '" + settings.name() + "' was given the changelog of store '"
          + changelog.get().store() + "'");
    }
    if (containerWide && changelog.isPresent()) {
      throw new IllegalArgumentException("store '" + settings.name() + "' is container-wide and cannot have a"
          + " changelog: its writes belong to no one task's checkpoint; fill it from a broadcast input instead");
    }
  }

  /**
   * A store with one instance per task.
   *
   * @param settings the store's settings
   * @param factory the engine factory
   * @param changelog the changelog, or empty
   * @param changelogRecovery what a restore does when the changelog lost the checkpointed offset
   */
  public StoreDefinition(StoreSettings settings, StoreFactory factory, Optional<ChangelogTopic> changelog,
      ChangelogRecovery changelogRecovery) {
    this(settings, factory, changelog, changelogRecovery, false);
  }

  /**
   * A store that fails its restore when the changelog lost the checkpointed offset.
   *
   * @param settings the store's settings
   * @param factory the engine factory
   * @param changelog the changelog, or empty
   */
  public StoreDefinition(StoreSettings settings, StoreFactory factory, Optional<ChangelogTopic> changelog) {
    this(settings, factory, changelog, ChangelogRecovery.FAIL, false);
  }

  /**
   * The store's name.
   *
   * @return {@code settings().name()}
   */
  public String name() {
    return settings.name();
  }
}
