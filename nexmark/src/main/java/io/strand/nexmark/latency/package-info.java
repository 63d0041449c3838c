/**
 * Nexmark latency at a fixed offered load: when each input record was appended
 * ({@link io.strand.nexmark.latency.InputAppends}), when each query result became due
 * ({@link io.strand.nexmark.latency.ResultTriggers}: the rules, the same for every engine) and the
 * figures over a run ({@link io.strand.nexmark.latency.LatencyFigures}). Pure logic; the harness
 * reads the outputs and times the appends.
 */
package io.strand.nexmark.latency;
