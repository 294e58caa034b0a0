#!/usr/bin/env bash
# Scheduling throughput of the server as the launcher starts it: the server jar with N simulated nodes,
# its controllers and the launcher's JVM flags; as soon as it prints "ready", SchedulerBench's remote mode
# (in its own JVM) creates the init pods and waits until they are bound, then measures M pods from the
# first create to the last binding, as upstream's scheduler_perf does (SchedulingBasic: 5,000 nodes,
# 1,000 init pods, 10,000 measured).
#
#   bench/cold-scheduler.sh [runs] [nodes] [pods] [init pods] [variant ...]
#
# A variant is a name and extra JVM flags for the server, "name=flags"; each run starts one fresh server
# per variant, alternating them (one that picks a collector replaces the launcher's). Default: the launcher's flags with the AOT cache, as ./kube4j server runs
# (trained here first when the build is newer than the cache). KUBE4J_JAR names another build's server jar
# (with its cache beside it as kube4j.aot) to compare two builds.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/env.sh"
. "$root/scripts/loopback-server.sh"
runs="${1:-3}"
nodes="${2:-5000}"
pods="${3:-10000}"
init="${4:-1000}"
shift $(( $# < 4 ? $# : 4 ))
variants=("$@")
jar="${KUBE4J_JAR:-$root/server/target/kube4j.jar}"
aot="$(dirname "$jar")/kube4j.aot"
[ ${#variants[@]} -gt 0 ] || variants=("aot=-XX:AOTCache=$aot")
work="$(mktemp -d /tmp/kube4j-cold-sched-XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
(cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am install dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt") >&2
classpath="$root/bench/target/classes:$(cat "$work/classpath.txt")"
if [ ! -f "$aot" ] || [ "$jar" -nt "$aot" ]; then
  "$root/scripts/aot-train.sh" "$jar" "$aot" >&2
fi

for run in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    start_variant_server "$jar" "$work" "$run" "$nodes" "$variant"
    printf 'run %d, %s (ready %s s after JVM start): ' "$run" "$VARIANT_NAME" "$VARIANT_READY"
    "$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" io.kube4j.bench.SchedulerBench \
      remote "$VARIANT_DIR/kubeconfig.yaml" "$pods" "$init" "$LOOPBACK_SERVER_PID" 2> "$VARIANT_DIR/bench.log" \
      || { tail -20 "$VARIANT_DIR/bench.log" >&2; exit 1; }
    echo "  server peak RSS $(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$LOOPBACK_SERVER_PID/status")"
    kill "$LOOPBACK_SERVER_PID"
    wait "$LOOPBACK_SERVER_PID" 2>/dev/null || true
  done
done
