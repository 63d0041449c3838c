package io.strand.container.status;

/**
 * One input partition of a task and its lag.
 *
 * <p>Threading: an immutable value.
 *
 * @param partition {@code system.stream#n}
 * @param lag the high watermark minus the next offset to read, in records; null while unknown (no
 *     report from the container's current process yet, or the container has ended)
 */
public record PartitionLag(String partition, Long lag) {}
