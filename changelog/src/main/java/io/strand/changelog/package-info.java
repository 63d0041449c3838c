/**
 * Changelog-backed stores: the logged layer ({@link io.strand.changelog.LoggedStore}) that turns
 * every store write into a changelog record through the container's shared producer
 * ({@link io.strand.changelog.ChangelogSender}), and the container-facing facade
 * ({@link io.strand.changelog.ContainerStorage}) that creates, restores, commits and closes the
 * stores of one container. Topics are in {@code .topic}, restore and trimming in {@code .restore},
 * local snapshots and {@code OFFSET} files in {@code .local}.
 */
package io.strand.changelog;
