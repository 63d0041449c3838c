/**
 * The container's run loop (as Samza's): task instances, the message chooser (round robin,
 * priority, bootstrap), async and thread-pool dispatch with per-partition completed-prefix
 * offsets, window and commit timers, coordinator requests, bounded-input end of stream, and the
 * commit path. {@link io.strand.container.runloop.RunLoopBuilder} assembles a
 * {@link io.strand.container.runloop.RunLoop}; everything else is package-private.
 */
package io.strand.container.runloop;
