/**
 * The small JSON protocol between containers and their application master: periodic reports
 * (lag, commits, restore progress) and the AM's stop request in the reply.
 */
package io.strand.container.report;
