/**
 * Typed views over a {@link io.strand.config.Config}, one per key family, with Samza's key names
 * (as public constants) and defaults: {@link io.strand.config.view.JobConfig},
 * {@link io.strand.config.view.TaskConfig}, {@link io.strand.config.view.SystemConfig},
 * {@link io.strand.config.view.StorageConfig}, {@link io.strand.config.view.SerializerConfig} and
 * {@link io.strand.config.view.ClusterManagerConfig}. Getter names carry units ({@code getCommitMs}).
 */
package io.strand.config.view;
