#!/usr/bin/env bash
# The server's live heap with many ConfigMaps: the jar as the launcher runs it (controllers, 3 simulated
# nodes), N ConfigMaps of K KiB of data created through the API, then a full collection and the heap in use.
# What it shows is what the in-process components cache besides the API server's own watch cache: the
# garbage collector keeps an informer on ConfigMaps (no controller has a typed one), with whole objects
# before its informers became metadata informers and only their metadata since.
#
#   bench/configmap-heap.sh [count] [KiB each] [runs]
#
# KUBE4J_JAR names another build's server jar, to compare two builds.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/env.sh"
. "$root/scripts/loopback-server.sh"
count="${1:-2000}"
kib="${2:-8}"
runs="${3:-1}"
jar="${KUBE4J_JAR:-$root/server/target/kube4j.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -pl server -am package) >&2
work="$(mktemp -d /tmp/kube4j-cm-heap-XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

value="$(head -c $(( kib * 1024 * 3 / 4 )) /dev/urandom | base64 -w0)"
for i in $(seq 1 "$count"); do
  printf -- '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-%d, namespace: heap}\ndata: {payload: "%s"}\n' "$i" "$value"
done > "$work/configmaps.yaml"

heap_used() { # the heap in use after a full collection, in MB (young and old generation lines summed)
  jcmd "$1" GC.run > /dev/null
  sleep 1
  jcmd "$1" GC.heap_info | awk '/ total [0-9]+K, used [0-9]+K/ { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); kb += v } }
    END { printf "%d", kb / 1024 }'
}

for run in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  start_loopback_server "$jar" "$work/data" "$work/server.log" 3
  kubectl="kubectl --kubeconfig $work/data/kubeconfig.yaml"
  $kubectl create namespace heap > /dev/null
  sleep 2
  before="$(heap_used "$LOOPBACK_SERVER_PID")"
  $kubectl create -f "$work/configmaps.yaml" > /dev/null
  sleep 5 # the informers' watch events
  after="$(heap_used "$LOOPBACK_SERVER_PID")"
  printf 'run %d: %d ConfigMaps of %d KiB: heap in use after a full GC %d MB before, %d MB after (+%d MB)\n' \
    "$run" "$count" "$kib" "$before" "$after" $(( after - before ))
  kill "$LOOPBACK_SERVER_PID"
  wait "$LOOPBACK_SERVER_PID" 2>/dev/null || true
done
