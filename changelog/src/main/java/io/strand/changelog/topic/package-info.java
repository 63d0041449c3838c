/**
 * Changelog topics: names from {@code stores.<s>.changelog}, creation (compacted, one partition
 * per task, a compaction lag that protects the uncommitted head) and validation of existing ones.
 */
package io.strand.changelog.topic;
