#!/usr/bin/env bash
# Runs this job against a Kafka broker: loads sample events, runs the job to the end of them
# (the input is bounded for this run), then prints the count of every key.
#   ./run-job.sh [bootstrap servers, default localhost:9092]
# STRAND_HOME: the Strand checkout whose bin/run-job runs the job (default: the one that made this
# project).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bootstrap="${1:-localhost:9092}"
strand="${STRAND_HOME:-__STRAND_HOME__}"

mvn -B -q -Dstyle.color=never package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath -Dmdep.includeScope=runtime
cp="target/classes:$(cat target/classpath)"
java -cp "$cp" __PACKAGE__.SampleData --bootstrap-servers "$bootstrap" load
STRAND_CLASSPATH=target/classes "$strand/bin/run-job" --config-path src/main/resources/job.properties \
  --config "systems.kafka.producer.bootstrap.servers=$bootstrap" \
  --config systems.kafka.streams.events.strand.bounded=true \
  --config job.logged.store.base.dir=target/state/logged \
  --config job.non-logged.store.base.dir=target/state/non-logged
java -cp "$cp" __PACKAGE__.SampleData --bootstrap-servers "$bootstrap" show
