#!/bin/sh
# Start script of the locally built TEST image. Same contract as HiveMQ's bin/run.sh: Java 11+,
# HIVEMQ_HOME (default: the folder above bin/), JAVA_OPTS from the environment plus the module
# openings HiveMQ needs, heap dumps and error files into the home folder, then exec the JVM.
# Differences: HiveMQ runs from lib/*.jar (Maven Central) instead of bin/hivemq.jar, and JMX
# remote is not enabled (the jlinked runtime has no management agent).
set -e
HIVEMQ_HOME="${HIVEMQ_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
if ! command -v java >/dev/null 2>&1; then
  echo "ERROR! No Java runtime on the PATH." >&2
  exit 1
fi
JAVA_MAJOR=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ "${JAVA_MAJOR:-0}" -lt 11 ]; then
  echo "HiveMQ requires at least Java version 11" >&2
  exit 1
fi
if [ ! -w "$HIVEMQ_HOME" ]; then
  echo "ERROR! HiveMQ home folder $HIVEMQ_HOME is not writable." >&2
  exit 1
fi
JAVA_OPTS="$JAVA_OPTS -Djava.net.preferIPv4Stack=true"
JAVA_OPTS="$JAVA_OPTS --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS --add-exports java.base/jdk.internal.misc=ALL-UNNAMED"
JAVA_OPTS="$JAVA_OPTS -Djava.security.egd=file:/dev/./urandom"
JAVA_OPTS="$JAVA_OPTS -XX:+CrashOnOutOfMemoryError -XX:+HeapDumpOnOutOfMemoryError"
echo "HIVEMQ_HOME: $HIVEMQ_HOME"
echo "JAVA_OPTS: $JAVA_OPTS"
echo "JAVA_VERSION: $JAVA_MAJOR"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java "-Dhivemq.home=$HIVEMQ_HOME" "-XX:HeapDumpPath=$HIVEMQ_HOME/heap-dump.hprof" \
  "-XX:ErrorFile=$HIVEMQ_HOME/hs_err_pid%p.log" $JAVA_OPTS \
  -cp "$HIVEMQ_HOME/lib/*" com.hivemq.HiveMQServer
