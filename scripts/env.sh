# Sourced by ./kube4j, ./test.sh and bench scripts: finds a JDK 25 and Maven (printing what to do when one
# is missing) and names the JVM flags the server runs with.
find_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    return 0
  fi
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25*; do
    if [ -x "$d/bin/java" ]; then
      export JAVA_HOME="$d"
      return 0
    fi
  done
  echo "kube4j needs a JDK 25: install one (e.g. Temurin 25) under /usr/lib/jvm or set JAVA_HOME to it." >&2
  exit 1
}
find_jdk25
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "kube4j builds with Maven 3.8+: install it (apt-get install -y maven)." >&2
  exit 1
fi

# The server's JVM flags (docs/BENCHMARKS.md has the measurements). The Parallel collector: an idle server
# with its controllers stays near 350 MB as with the Serial one, but under load its adaptive sizing grows
# the young generation, where the Serial collector kept its first 100 MB and spent a third of the time in
# young pauses (5,000 nodes, 30,000 pods: 742 pods/s scheduled against 541). Small thread stacks. The C2
# compiler stays on: with C1 only (-XX:TieredStopAtLevel=1) the scheduler benchmark ran at 259 pods/s
# against 656.
KUBE4J_JVM_FLAGS=(--sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC -Xss512k -XX:MaxRAMPercentage=25)
