/**
 * The YARN runner as a job author names it: {@code job.factory.class=io.strand.yarn.YarnJobFactory}
 * makes a {@link io.strand.yarn.YarnJob}, a job submitted to the ResourceManager and followed
 * through its application report.
 *
 * <p>Arrows: this package uses {@code client} (submission, application reports) and {@code launch}
 * (the Hadoop configuration); nothing in the module below it uses it, except the command line in
 * {@code client.cli}.
 */
package io.strand.yarn;
