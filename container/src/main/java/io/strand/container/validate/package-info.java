/**
 * What the container adds to whole-job validation: {@link io.strand.container.validate.ContainerChecks}
 * gathers the container's {@code ConfigCheck}s (Kafka client settings, store settings and
 * directories, the dead-letter stream) and makes the validator the commands use.
 */
package io.strand.container.validate;
