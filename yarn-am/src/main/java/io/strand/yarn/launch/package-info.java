/**
 * What it takes to start a Strand JVM (the AM or a container) on YARN, shared by the client and
 * the AM: the YARN settings Strand adds to Samza's ({@link io.strand.yarn.launch.YarnSettings}),
 * the staged job config ({@link io.strand.yarn.launch.JobStaging}), the files YARN localizes
 * ({@link io.strand.yarn.launch.JobFiles}), the launch command and environment
 * ({@link io.strand.yarn.launch.LaunchCommands}) and the Hadoop configuration
 * ({@link io.strand.yarn.launch.YarnConfigurations}).
 *
 * <p>Arrows: depends on no other package of this module.
 */
package io.strand.yarn.launch;
