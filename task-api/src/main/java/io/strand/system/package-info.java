/**
 * Where messages come from and go to: systems, streams, partitions, and the envelopes that carry
 * messages in and out of a task. All types here are immutable values, as Samza's
 * {@code org.apache.samza.system} types are in use.
 */
package io.strand.system;
