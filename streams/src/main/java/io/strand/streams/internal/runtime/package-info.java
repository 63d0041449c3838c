/**
 * The streams runtime: {@link io.strand.streams.internal.runtime.GraphTask}, the ordinary task a
 * graph compiles to, its per-task operators (tables and joins among them, with the restore of a
 * table from its own topic), the watermark clock and the byte layouts
 * of stores and intermediate topics. Reads the graph package; the graph knows nothing of it.
 */
package io.strand.streams.internal.runtime;
