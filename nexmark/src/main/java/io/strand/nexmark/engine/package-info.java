/**
 * How an engine plugs into the Nexmark harness: {@link io.strand.nexmark.engine.NexmarkEngine}
 * (ServiceLoader, by name), {@link io.strand.nexmark.engine.EndOfInput} (every engine reports its
 * input records and end-of-input markers through it) and the per-run worker JVM
 * ({@link io.strand.nexmark.engine.EngineWorker}) that measures one run.
 */
package io.strand.nexmark.engine;
