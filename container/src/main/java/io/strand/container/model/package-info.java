/**
 * The job model: which container runs which tasks and which input partitions each task reads
 * ({@link io.strand.container.model.JobModel}, a value serialisable as versioned JSON), and the
 * pure planner that computes it from {@link io.strand.container.model.JobModelSettings}, the SSP
 * grouper and the input topics' partition counts, sticky to the previous model. Where the model
 * is published is the {@code coordinator} package's business.
 */
package io.strand.container.model;
