/**
 * The receive path between the consumer and the task: {@link io.strand.container.input.InputDecoder}
 * turns a consumed record into the envelope a task sees with its stream's serdes, and applies the
 * {@link io.strand.container.input.BadMessagePolicy} to input that does not deserialize: fail
 * (default), skip, or dead-letter.
 */
package io.strand.container.input;
