/**
 * The streams runtime: {@link io.strand.streams.internal.runtime.GraphTask}, the ordinary task a
 * graph compiles to, its per-task operators, the watermark clock and the byte layouts of stores
 * and intermediate topics. Reads the graph package; the graph knows nothing of it.
 */
package io.strand.streams.internal.runtime;
