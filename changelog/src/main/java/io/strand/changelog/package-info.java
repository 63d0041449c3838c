/**
 * Changelog-backed stores: the logged layer ({@link io.strand.changelog.LoggedStore}) that turns
 * every store write into a changelog record through the container's shared producer
 * ({@link io.strand.changelog.ChangelogSender}), and the container-facing facade
 * ({@link io.strand.changelog.ContainerStorage}) that creates, restores, commits and closes the
 * stores of one container and owns the RocksDB memory they share. What it is built from is
 * resolved once, by the container, into {@link io.strand.changelog.StorageSettings} (job name and
 * id, base dirs, restore and snapshot settings) and one {@link io.strand.changelog.StoreDefinition}
 * per store; the Kafka clients come through {@link io.strand.changelog.ChangelogClients}. Topics are
 * in {@code .topic}, restore and trimming in {@code .restore}, local snapshots, {@code OFFSET}
 * files and the store dir layout in {@code .local}.
 */
package io.strand.changelog;
