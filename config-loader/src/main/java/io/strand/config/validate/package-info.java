/**
 * Whole-job validation: {@link io.strand.config.validate.ConfigValidator} collects every problem
 * in a configuration into one {@link io.strand.config.ConfigException}.
 */
package io.strand.config.validate;
