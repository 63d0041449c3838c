package io.strand.nexmark.harness;

import io.strand.nexmark.engine.WorkerResult;

/**
 * One measured run of the suite.
 *
 * @param round the round, from 1
 * @param result what the worker reported
 * @param agreement how its output compared: {@code "same"}, {@code "DIFFERS"}, or {@code "-"} when
 *     not compared
 */
record RunRecord(int round, WorkerResult result, String agreement) {
}
