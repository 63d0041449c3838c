#!/usr/bin/env bash
# Run by YARN in each container of a job (the package is localized as __package/).
# JVM options come from task.opts through $JAVA_OPTS; java from the NodeManager's $JAVA_HOME.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/strand-env.sh"
exec "$JAVA" ${JAVA_OPTS:-} -cp "$STRAND_CLASSPATH_ALL" io.strand.yarn.container.YarnContainerMain "$@"
