#!/usr/bin/env bash
# Installs the Debian packages kube4j and its tests use, once; safe to run again.
# The control plane needs nothing beyond a JDK 25 (and an etcd only with --datastore-endpoint); the node agent's packages (containerd, runc, CNI
# plugins, iptables) join this list with the node agent.
set -euo pipefail
# etcd-server, etcd-client: the etcd storage backend's tests (storage-etcd, e2e) start a real etcd.
packages=(etcd-server etcd-client "$@")
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "kube4j: missing packages ${need[*]}; install them as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "kube4j: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kube4j: the end-to-end tests drive the real kubectl (v1.32); put it on PATH." >&2
  exit 1
fi
