# Sourced by the shell scripts (docker-engine.sh, mariadb-cluster.sh); needs their `die`.
# wait_until <seconds> <what> <command...>: runs the command until it succeeds, every
# WAIT_EVERY_S seconds (default 0.5); dies naming <what> once <seconds> have passed.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not happen within ${seconds} s"
    sleep "${WAIT_EVERY_S:-0.5}"
  done
}
