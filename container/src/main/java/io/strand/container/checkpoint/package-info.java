/**
 * Checkpoints: what a task has processed (last processed offset per input partition) and the
 * changelog offsets its stores are durable at, written to the job's compacted checkpoint topic
 * ({@link io.strand.container.checkpoint.KafkaCheckpointManager}, as versioned JSON in
 * {@link io.strand.container.checkpoint.CheckpointJson}) and mirrored to the job's consumer group
 * for tooling; and where a container starts reading each input
 * ({@link io.strand.container.checkpoint.StartingOffsets}).
 */
package io.strand.container.checkpoint;
