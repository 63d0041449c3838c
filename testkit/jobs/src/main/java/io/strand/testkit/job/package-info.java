/**
 * Testing a job against a real broker in a few lines: {@link io.strand.testkit.job.JobTestRunner}
 * writes the inputs, runs the job's containers as threads of the test JVM until a condition on
 * the outputs holds, and hands back a {@link io.strand.testkit.job.JobTestResult}; records are
 * {@link io.strand.testkit.job.TestRecord}s. A module of its own because it runs the container,
 * whose own tests use the broker part of the test kit (one module would be a cycle).
 */
package io.strand.testkit.job;
