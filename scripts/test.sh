#!/usr/bin/env bash
# The test command (npm test), in timed phases:
#   services     MariaDB and Redis reachable (scripts/ensure-services.sh installs/starts them)
#   jest         every jest tier: unit, integration on MariaDB and SQLite, e2e over HTTP, cluster,
#                replication (extra arguments go to jest, e.g. a test file)
#   containers   the compose deployment on a private dockerd (test/containers): builds the images,
#                brings the stack up, crashes a node and the primary database, tears it all down.
#                Needs root (or sudo) and Debian's docker.io (installed when missing).
#                MARQUEE_TEST_CONTAINERS=0 skips it; it is also skipped when jest arguments are
#                given, unless MARQUEE_TEST_CONTAINERS=1.
# Each phase prints its duration; the first failing phase stops the run.
set -euo pipefail
cd "$(dirname "$0")/.."

phase() { # phase <name> <command...>
  local name=$1 started=$SECONDS status=0; shift
  echo "=== phase $name"
  "$@" || status=$?
  echo "=== phase $name: $((SECONDS - started)) s$([ "$status" -eq 0 ] || echo ", FAILED ($status)")"
  return "$status"
}

phase services bash scripts/ensure-services.sh
# --forceExit: after a failed run a handle left open (e.g. by a beforeAll that timed out) must not
# keep jest, and CI, waiting; every afterAll has run by then and stops what its file started.
phase jest npx jest --ci --forceExit "$@"
containers=${MARQUEE_TEST_CONTAINERS:-}
if [ -z "$containers" ]; then [ "$#" -eq 0 ] && containers=1 || containers=0; fi
if [ "$containers" = 1 ]; then
  phase containers env MARQUEE_CONTAINER_PHASE=1 npx jest --ci --runInBand --forceExit
else
  echo "=== phase containers: skipped (MARQUEE_TEST_CONTAINERS=${MARQUEE_TEST_CONTAINERS:-unset}, $# jest argument(s))"
fi
