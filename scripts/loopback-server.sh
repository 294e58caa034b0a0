# Sourced, after scripts/env.sh, by scripts/aot-train.sh and the bench scripts: runs the server jar with
# the launcher's JVM flags on a throw-away data directory and a loopback port, with simulated nodes.

# start_loopback_server JAR DATA_DIR LOG NODES [JVM_FLAG ...]: starts the server in the background, sets
# LOOPBACK_SERVER_PID, and returns once the server printed its ready line; returns 1, with the end of the
# log on stderr, if it stopped or was not ready within two minutes. A JVM flag that picks a collector
# (-XX:+UseG1GC, say) replaces the launcher's, since the JVM refuses two.
start_loopback_server() {
  local jar="$1" data="$2" log="$3" nodes="$4" flag
  shift 4
  local flags=("${KUBE4J_JVM_FLAGS[@]}")
  if [[ " $* " =~ \ -XX:\+Use[A-Za-z0-9]+GC\  ]]; then
    flags=()
    for flag in "${KUBE4J_JVM_FLAGS[@]}"; do
      [[ "$flag" =~ ^-XX:\+Use[A-Za-z0-9]+GC$ ]] || flags+=("$flag")
    done
  fi
  "$JAVA_HOME/bin/java" "${flags[@]}" "$@" -jar "$jar" server --data-dir "$data" --bind-address 127.0.0.1 \
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

# start_variant_server JAR WORK_DIR RUN NODES VARIANT: for the benchmarks' "name=JVM flags" variants, starts
# one server as start_loopback_server does in WORK_DIR/NAME-RUN and sets VARIANT_NAME, VARIANT_DIR and
# VARIANT_READY (seconds from JVM start until all components were ready, as the server logged it).
start_variant_server() {
  local jar="$1" work="$2" run="$3" nodes="$4" variant="$5" extra
  VARIANT_NAME="${variant%%=*}"
  read -r -a extra <<< "${variant#*=}"
  VARIANT_DIR="$work/$VARIANT_NAME-$run"
  mkdir -p "$VARIANT_DIR"
  start_loopback_server "$jar" "$VARIANT_DIR" "$VARIANT_DIR/server.log" "$nodes" "${extra[@]}"
  VARIANT_READY=$(sed -n 's/.*all components \([0-9]*\) ms after JVM start.*/\1/p' "$VARIANT_DIR/server.log" \
    | awk '{printf "%.2f", $1 / 1000}')
}
