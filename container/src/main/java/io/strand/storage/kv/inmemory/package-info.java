/**
 * The in-memory store factory under the name of Samza's
 * {@code org.apache.samza.storage.kv.inmemory}.
 */
package io.strand.storage.kv.inmemory;
