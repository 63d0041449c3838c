#!/usr/bin/env bash
# Stops a job on YARN: kill-job.sh <application id> [--timeout-ms n]
# Asks the application master for a graceful stop (containers commit and exit; final status KILLED)
# and waits; falls back to killing the application through the ResourceManager.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/strand-env.sh"
exec "$JAVA" ${STRAND_OPTS:-} -cp "$STRAND_CLASSPATH_ALL" io.strand.yarn.client.cli.StrandJobCli kill "$@"
