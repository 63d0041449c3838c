#!/usr/bin/env bash
# Runs a job: run-job.sh --config-path <file> [--config key=value]... [--wait]
# With job.factory.class=io.strand.yarn.YarnJobFactory it submits the job to YARN (the
# ResourceManager from $HADOOP_CONF_DIR / $YARN_CONF_DIR), prints the application id and tracking
# URL and returns (--wait: waits for the final status). With a local factory it runs the job here.
# Exit codes: 0 ok, 1 failed or could not submit, 2 bad command line or config.
# JVM options of this client: STRAND_OPTS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/strand-env.sh"
exec "$JAVA" ${STRAND_OPTS:-} -cp "$STRAND_CLASSPATH_ALL" io.strand.yarn.client.cli.StrandJobCli run "$@"
