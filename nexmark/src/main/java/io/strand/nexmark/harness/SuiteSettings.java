package io.strand.nexmark.harness;

import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.query.Query;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@code bin/nexmark} run does.
 *
 * @param generator the generation (written once, read by every run)
 * @param queries the queries, in order
 * @param engines the engines, in order (rotated per round)
 * @param classpaths each engine's worker class path
 * @param rounds interleaved rounds, at least 1
 * @param parallelism each engine's processing threads
 * @param workerHeapMb each worker JVM's heap, MiB
 * @param brokerHeapMb the broker JVM's heap, MiB
 * @param compareLimit events up to which outputs are also checked against the model answer
 * @param outDir where the report goes
 * @param jfr whether round 1's workers record a JFR profile ({@code workers/<query>-<engine>.jfr})
 * @param latencyRate events per second of the latency phase, 0 for none
 * @param latencySeconds how long each latency run generates, s
 * @param format the input values' format (every engine reads either)
 */
record SuiteSettings(GeneratorConfig generator, List<Query> queries, List<String> engines,
    Map<String, String> classpaths, int rounds, int parallelism, int workerHeapMb, int brokerHeapMb,
    long compareLimit, Path outDir, boolean jfr, long latencyRate, long latencySeconds, EventFormat format) {
}
