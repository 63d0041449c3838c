#!/usr/bin/env bash
# Shows a job on YARN: status-job.sh <application id>
# Prints the application's state, final status, tracking URL, diagnostics and its containers.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/strand-env.sh"
exec "$JAVA" ${STRAND_OPTS:-} -cp "$STRAND_CLASSPATH_ALL" io.strand.yarn.client.cli.StrandJobCli status "$@"
