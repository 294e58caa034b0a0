#!/usr/bin/env bash
# The first 1,000-replica Deployment after the server starts, measured the way a user meets it: the
# server jar is started as ./kube4j starts it, with N simulated nodes; as soon as it prints "ready" the
# real kubectl applies a Deployment, and the clock stops when `kubectl wait` sees every replica ready.
#
#   bench/cold-deployment.sh [runs] [replicas] [nodes] [variant ...]
#
# A variant is a name and extra JVM flags, "name=flags"; each run starts one fresh server per variant,
# alternating them so a noisy machine hurts each alike. Default: the launcher's flags as they are.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/env.sh"
. "$root/scripts/loopback-server.sh"
runs="${1:-5}"
replicas="${2:-1000}"
nodes="${3:-100}"
shift $(( $# < 3 ? $# : 3 ))
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("launcher=")
jar="$root/server/target/kube4j.jar"
[ -f "$jar" ] || { echo "build first: mvn -DskipTests -pl server -am install" >&2; exit 1; }
work="$(mktemp -d /tmp/kube4j-cold-XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

manifest() {
  cat <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: $replicas
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      containers:
      - name: app
        image: registry.k8s.io/pause:3.10
        resources: {requests: {cpu: 10m, memory: 16Mi}}
EOF
}

now() { date +%s.%N; }

echo "| run | variant | server ready (s after JVM start) | apply → $replicas ready (s) |"
echo "|---:|---|---:|---:|"
for run in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    start_variant_server "$jar" "$work" "$run" "$nodes" "$variant"
    kc=(kubectl --kubeconfig "$VARIANT_DIR/kubeconfig.yaml")
    start=$(now)
    manifest | "${kc[@]}" apply -f - > /dev/null
    "${kc[@]}" wait deployment/big --for=jsonpath='{.status.readyReplicas}'="$replicas" --timeout=300s > /dev/null
    end=$(now)
    kill "$LOOPBACK_SERVER_PID"
    wait "$LOOPBACK_SERVER_PID" 2>/dev/null || true
    printf '| %d | %s | %s | **%.2f** |\n' "$run" "$VARIANT_NAME" "$VARIANT_READY" "$(echo "$end - $start" | bc -l)"
  done
done
