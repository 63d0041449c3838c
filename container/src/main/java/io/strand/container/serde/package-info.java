/**
 * Input and output serdes per stream, resolved once from {@code systems.<s>.samza.key.serde} /
 * {@code .msg.serde} (with per-stream overrides) and shared by the send path ({@code output})
 * and the receive path ({@code input}).
 */
package io.strand.container.serde;
