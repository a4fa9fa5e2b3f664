#!/usr/bin/env bash
# A private Docker engine for the container test (test/containers) and for trying the compose
# deployment on a machine without systemd: Debian's dockerd with its own data root, exec root,
# pid file and unix socket under one directory, so it touches no system-wide engine.
#
#   scripts/docker-engine.sh start    install docker.io/docker-compose/debootstrap if missing, start
#                                     dockerd (a dockerd of an earlier run that was killed mid-way is
#                                     stopped first), build the stand-in base images if missing
#   scripts/docker-engine.sh stop     stop every container of the engine, then dockerd (and its
#                                     containerd); nothing of it keeps running
#   scripts/docker-engine.sh env      the DOCKER_HOST line for this engine (eval "$(… env)")
#   scripts/docker-engine.sh bases    build the stand-in base images if missing
#
# Environment: MARQUEE_DOCKER_DIR (./data/docker; holds the image cache between runs).
#
# Stand-in base images: no registry is reachable on the CI machine, so `debian:bookworm-slim` and
# `node:20-bookworm-slim` cannot be pulled. When the engine lacks them they are made here:
# debian:bookworm-slim from `debootstrap --variant=minbase bookworm` imported with `docker import`,
# node:20-bookworm-slim as that plus this machine's Node.js 20 and npm under /usr/local and a
# `node` user (uid 1000), as the official image has (and the machine's NODE_EXTRA_CA_CERTS, when
# set, so npm trusts a TLS-inspecting proxy the machine goes through). Only for this CI: on a machine that reaches
# Docker Hub the official images are pulled instead and this is never used.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${MARQUEE_DOCKER_DIR:-$ROOT/data/docker}"
SOCKET="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
# Debian's CLI, not whatever `docker` sits earlier on PATH.
DOCKER=/usr/bin/docker
export DOCKER_HOST="unix://$SOCKET"
START_TIMEOUT_S=60 STOP_TIMEOUT_S=60

log() { echo "[docker-engine] $*" >&2; }
die() { log "error: $*"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_installed() {
  local missing=()
  [ -x /usr/sbin/dockerd ] && [ -x "$DOCKER" ] || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pid() { cat "$PIDFILE" 2>/dev/null || true; }
running() { local p; p=$(pid); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
answering() { "$DOCKER" version >/dev/null 2>&1; }

# shellcheck source=scripts/support/wait-until.sh
. "$ROOT/scripts/support/wait-until.sh"

cmd_stop() {
  if running; then
    if answering; then
      local ids; ids=$("$DOCKER" ps -aq)
      # Containers first, so their shims and processes end before the engine does.
      [ -z "$ids" ] || "$DOCKER" rm -f $ids >/dev/null
    fi
    local p; p=$(pid)
    kill -TERM "$p" 2>/dev/null || true
    if ! (wait_until "$STOP_TIMEOUT_S" "dockerd $p stopping" bash -c "! kill -0 $p"); then
      log "dockerd $p did not stop; killing it"
      kill -KILL "$p" 2>/dev/null || true
    fi
    log "dockerd $p stopped"
  fi
  # dockerd's own containerd normally ends with it; one left by a killed dockerd is ended here.
  local cpid; cpid=$(cat "$DIR/exec/containerd/containerd.pid" 2>/dev/null || true)
  if [ -n "$cpid" ] && kill -0 "$cpid" 2>/dev/null; then
    kill -TERM "$cpid" 2>/dev/null || true
    (wait_until 20 "containerd $cpid stopping" bash -c "! kill -0 $cpid") || kill -KILL "$cpid" 2>/dev/null || true
    log "containerd $cpid stopped"
  fi
  # dockerd leaves its default network namespace mounted under the exec root (nsfs): unmount
  # whatever is still mounted below the engine's directory, so the checkout can be deleted.
  local mounts; mounts=$(awk -v dir="$DIR/" 'index($2, dir) == 1 { print $2 }' /proc/self/mounts | sort -r)
  for m in $mounts; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"; done
  rm -f "$PIDFILE" "$SOCKET"
}

cmd_start() {
  ensure_installed
  mkdir -p "$DIR"
  # A run killed mid-way left its engine (and its containers) behind: stop them first.
  if running || [ -e "$DIR/exec/containerd/containerd.pid" ]; then
    log "stopping the engine an earlier run left behind"
    cmd_stop
  fi
  rm -f "$PIDFILE" "$SOCKET"
  # dockerd outlives this script: it must not inherit descriptors beyond stdio (e.g. a flock's
  # lock file, which it would then hold until it stops).
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true
    done
    exec setsid /usr/sbin/dockerd --data-root "$DIR/root" --exec-root "$DIR/exec" --pidfile "$PIDFILE" \
      -H "unix://$SOCKET" --storage-driver overlay2 </dev/null >>"$DIR/dockerd.log" 2>&1
  ) &
  if ! (wait_until "$START_TIMEOUT_S" "dockerd answering on $SOCKET" answering); then
    tail -20 "$DIR/dockerd.log" >&2 || true
    die "dockerd did not start"
  fi
  log "dockerd up (pid $(pid)), DOCKER_HOST=$DOCKER_HOST"
  cmd_bases
}

has_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

cmd_bases() {
  if ! has_image debian:bookworm-slim; then
    log "debian:bookworm-slim is not in the engine (no registry here): building a stand-in with debootstrap"
    local rootfs; rootfs=$(mktemp -d "$DIR/debootstrap.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf '$rootfs'" EXIT
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$DIR/debootstrap.log" 2>&1 ||
      { tail -20 "$DIR/debootstrap.log" >&2; die "debootstrap failed"; }
    cat >"$rootfs/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
    # As the official image's build (debuerreotype) does: packages never start services while an
    # image is built, and apt keeps no package cache or lists in a layer.
    printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" && chmod 755 "$rootfs/usr/sbin/policy-rc.d"
    printf 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb || true"; };\nAPT::Install-Recommends "false";\n' \
      >"$rootfs/etc/apt/apt.conf.d/docker-clean"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
    tar -C "$rootfs" -c . | "$DOCKER" import --change 'CMD ["bash"]' - debian:bookworm-slim >/dev/null
    rm -rf "$rootfs"
    trap - EXIT
    log "debian:bookworm-slim stand-in built"
  fi
  if ! has_image node:20-bookworm-slim; then
    log "node:20-bookworm-slim is not in the engine: building a stand-in from debian:bookworm-slim and this machine's Node.js"
    local node npm_dir context
    node=$(command -v node) || die "node is not installed"
    node_version=$("$node" -p 'process.versions.node')
    [ "${node_version%%.*}" = 20 ] || die "the stand-in needs Node.js 20, this machine has $node_version"
    npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
    context=$(mktemp -d "$DIR/node-base.XXXXXX")
    mkdir -p "$context/usr/local/bin" "$context/usr/local/lib/node_modules" "$context/usr/local/include"
    cp "$(readlink -f "$node")" "$context/usr/local/bin/node"
    cp -r "$npm_dir" "$context/usr/local/lib/node_modules/npm"
    # Headers, for native modules built with `npm_config_nodedir=/usr/local` (no download).
    if [ -d "$(dirname "$(dirname "$(readlink -f "$node")")")/include/node" ]; then
      cp -r "$(dirname "$(dirname "$(readlink -f "$node")")")/include/node" "$context/usr/local/include/node"
    fi
    # A machine that reaches the npm registry through a TLS-inspecting proxy names the proxy's CA
    # in NODE_EXTRA_CA_CERTS (this CI does): the stand-in trusts the same, or npm ci fails there.
    local extra_ca=""
    mkdir -p "$context/usr/local/share/ca-certificates"
    if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r "$NODE_EXTRA_CA_CERTS" ]; then
      cp "$NODE_EXTRA_CA_CERTS" "$context/usr/local/share/ca-certificates/build-host-extra.crt"
      extra_ca=/usr/local/share/ca-certificates/build-host-extra.crt
    fi
    cp "$ROOT/docker/stand-in/node.Dockerfile" "$context/Dockerfile"
    "$DOCKER" build -q --network none --build-arg NODE_VERSION="$node_version" --build-arg EXTRA_CA_CERTS="$extra_ca" \
      -t node:20-bookworm-slim "$context" >/dev/null
    rm -rf "$context"
    log "node:20-bookworm-slim stand-in built (Node.js $node_version)"
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST" ;;
  bases) answering || die "dockerd is not running (start it first)"; cmd_bases ;;
  *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
