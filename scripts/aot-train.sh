#!/usr/bin/env bash
# Trains the JDK's ahead-of-time cache for the server jar (JEP 483, 514 and 515: classes loaded and
# linked, and method profiles, from a training run), so a server started with -XX:AOTCache=CACHE comes
# up and reaches compiled speed sooner. On 2 cores the first minutes of a fresh JVM are dominated by the
# JIT: without the cache the first 1,000-replica Deployment after start took 8.8-10.0 s, with it 6.4-7.4 s
# (docs/BENCHMARKS.md).
#
#   scripts/aot-train.sh JAR CACHE
#
# The training run is a server with simulated nodes on a throw-away data dir and loopback port, driven by
# the real kubectl through what users do first: apply a Deployment and wait for it, read it back in every
# output format, roll it out, undo, scale, expose, drain a node, delete. It writes CACHE only when the run
# went through; a cache belongs to one jar and one JDK, and the JVM ignores (with a warning) one that does
# not match.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/env.sh"
. "$root/scripts/loopback-server.sh"
jar="$1"
cache="$2"
command -v kubectl >/dev/null 2>&1 || { echo "kube4j: no kubectl on PATH: training the AOT cache on start-up only" >&2; }
work="$(mktemp -d /tmp/kube4j-aot-XXXXXX)"
LOOPBACK_SERVER_PID=
cleanup() {
  [ -z "$LOOPBACK_SERVER_PID" ] || kill "$LOOPBACK_SERVER_PID" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
start_loopback_server "$jar" "$work/data" "$work/server.log" 20 -XX:AOTCacheOutput="$work/cache.aot" -Xlog:aot=error,cds=error

if command -v kubectl >/dev/null 2>&1; then
  k() { kubectl --kubeconfig "$work/data/kubeconfig.yaml" "$@" > /dev/null || echo "kube4j: AOT training: kubectl $1 $2 failed (the cache is still written)" >&2; }
  k create namespace train
  k -n train apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 300
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 10m, memory: 16Mi}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {mode: training}
EOF
  k -n train rollout status deployment/web --timeout=180s
  for output in wide yaml json name 'jsonpath={.items[*].status.podIP}'; do
    k -n train get pods -o "$output"
  done
  k get nodes -o wide
  k -n train describe deployment web
  k -n train set image deployment/web web=nginx:1.28
  k -n train rollout status deployment/web --timeout=180s
  k -n train rollout undo deployment/web
  k -n train rollout status deployment/web --timeout=180s
  k -n train rollout history deployment/web
  k -n train scale deployment/web --replicas=50
  k -n train expose deployment web --type=NodePort --port=80
  k -n train get service,endpoints,replicasets,events
  k -n train create job once --image=busybox:1.36 -- true
  k -n train patch configmap settings --type=merge -p '{"data":{"mode":"patched"}}'
  k -n train apply --server-side -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: applied}
data: {a: "1"}
EOF
  node=$(kubectl --kubeconfig "$work/data/kubeconfig.yaml" get nodes -o jsonpath='{.items[0].metadata.name}')
  k drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=120s
  k uncordon "$node"
  k -n train delete deployment web
  k delete namespace train --timeout=120s
fi

# The JVM writes the cache as it exits; SIGTERM runs the server's orderly shutdown first.
kill -TERM "$LOOPBACK_SERVER_PID"
wait "$LOOPBACK_SERVER_PID" || true
LOOPBACK_SERVER_PID=
[ -s "$work/cache.aot" ] || { echo "kube4j: the AOT training run wrote no cache:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
mv "$work/cache.aot" "$cache"
