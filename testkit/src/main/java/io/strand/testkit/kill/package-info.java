/**
 * What the kill tests of every module share: {@link io.strand.testkit.kill.KillThrottle}, which a
 * test job's task calls per record to run slowly until the test releases it, and
 * {@link io.strand.testkit.kill.KillLoop}, which SIGKILLs a two-container job's containers in turn
 * once checkpoints move on and releases the throttle after the last kill. A kill test's job is thus
 * slow only while the kills land: a fast runtime cannot end a bounded job before them, and a slow
 * machine is not made slower after them.
 */
package io.strand.testkit.kill;
