# Sourced by ./kube4j and ./test.sh: finds a JDK 25 and Maven. Prints what to do when one is missing.
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
