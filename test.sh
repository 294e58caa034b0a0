#!/usr/bin/env bash
# Runs the whole test suite: unit tests, the storage conformance suite, then end-to-end tests that
# start real kube4j servers and drive them with the real kubectl and the fabric8 client.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
. "$root/scripts/env.sh"
"$root/scripts/install-deps.sh"
cd "$root"
exec mvn -B verify "$@"
