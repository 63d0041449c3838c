/**
 * Strand's configuration core: the immutable {@link io.strand.config.Config} with typed getters,
 * the {@link io.strand.config.ConfigException} that lists every {@link io.strand.config.ConfigProblem}
 * found, and secret masking for anything that prints configuration. Loading lives in
 * {@code io.strand.config.load}, typed views with Samza's key names in {@code io.strand.config.view},
 * and whole-job checks in {@code io.strand.config.validate}.
 */
package io.strand.config;
