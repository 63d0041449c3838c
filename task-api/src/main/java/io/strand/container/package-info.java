/**
 * The one container type a task sees, at Samza's {@code org.apache.samza.container} name so a
 * Samza job's imports port by the package rewrite alone: {@link io.strand.container.TaskName}.
 * The container itself (the runtime that hosts tasks) lives in the sub-packages of the
 * {@code strand-container} module, which use this package and are never used by it.
 */
package io.strand.container;
