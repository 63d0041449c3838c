/**
 * The config loader factory under the name of Samza's {@code org.apache.samza.config.loaders}.
 */
package io.strand.config.loaders;
