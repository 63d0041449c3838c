/**
 * Input and output serdes per stream, resolved once from {@code systems.<s>.samza.key.serde} /
 * {@code .msg.serde} (with per-stream overrides), and the bad-message policies for input that
 * does not deserialize: fail (default), skip, or dead-letter.
 */
package io.strand.container.serde;
