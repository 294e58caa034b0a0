# Sourced, after scripts/env.sh, by scripts/aot-train.sh and bench/cold-deployment.sh: runs the server jar
# with the launcher's JVM flags on a throw-away data directory and a loopback port, with simulated nodes.

# start_loopback_server JAR DATA_DIR LOG NODES [JVM_FLAG ...]: starts the server in the background, sets
# LOOPBACK_SERVER_PID, and returns once the server printed its ready line; returns 1, with the end of the
# log on stderr, if it stopped or was not ready within two minutes.
start_loopback_server() {
  local jar="$1" data="$2" log="$3" nodes="$4"
  shift 4
  "$JAVA_HOME/bin/java" "${KUBE4J_JVM_FLAGS[@]}" "$@" -jar "$jar" server --data-dir "$data" --bind-address 127.0.0.1 \
    --advertise-address 127.0.0.1 --https-port $(( 20000 + RANDOM % 30000 )) --disable-agent --simulated-nodes "$nodes" \
    > "$log" 2>&1 &
  LOOPBACK_SERVER_PID=$!
  for _ in $(seq 1 2400); do
    grep -q "kube4j: ready" "$log" && return 0
    kill -0 "$LOOPBACK_SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "kube4j: the server on $data did not become ready:" >&2
  tail -20 "$log" >&2
  return 1
}
