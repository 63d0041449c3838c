#!/usr/bin/env bash
# Sourced by the other scripts: the package's home, its class path and the java command.
# The class path is lib/* plus $HADOOP_CONF_DIR and $YARN_CONF_DIR (so the YARN client finds the
# ResourceManager as the `yarn` command does).
STRAND_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STRAND_CLASSPATH_ALL="$STRAND_HOME/lib/*${HADOOP_CONF_DIR:+:$HADOOP_CONF_DIR}${YARN_CONF_DIR:+:$YARN_CONF_DIR}"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi
