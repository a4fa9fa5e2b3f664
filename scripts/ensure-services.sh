#!/usr/bin/env bash
# Makes sure the MariaDB and Redis the tests need are reachable on 127.0.0.1, installing them
# from Debian's packages and starting throwaway instances when they are not, and that nginx is
# installed (the cluster tests and `npm run cluster` start their own nginx processes).
# MariaDB: 127.0.0.1:3306, root, empty password. Redis: 127.0.0.1:6379.
# Also Debian's Chromium at /usr/bin/chromium for the browser tests (test/web, playwright-core), and
# faketime (libfaketime) for the clock-synchronisation test.
set -euo pipefail

log() { echo "[ensure-services] $*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
wait_for() { # wait_for <what> <command...>
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && { log "$what is up"; return 0; }; sleep 0.5; done
  log "$what did not come up"; return 1
}

mariadb_up() { mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 -u root status; }
if ! mariadb_up >/dev/null 2>&1; then
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server mariadb-client
  log "starting MariaDB"
  as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for MariaDB mariadb_up
fi
# Root over TCP with an empty password, as the tests expect (Debian defaults to unix_socket).
mysql --protocol=tcp -h 127.0.0.1 -u root -e 'SELECT 1' >/dev/null 2>&1 || \
  as_root mysql -u root -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"

# libfaketime: the clock tests (Berkeley, the database clock for holds) run a node with its clock
# shifted, preloading Debian's faketime library (test/support/faketime.ts).
command -v faketime >/dev/null 2>&1 || apt_install faketime

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG; }
if ! redis_up >/dev/null 2>&1; then
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server redis-tools
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  wait_for Redis redis_up
fi

# The browser tests drive Debian's Chromium; playwright-core never downloads a browser.
[ -x /usr/bin/chromium ] || apt_install chromium

# nginx: only the binary; the cluster runner starts its own instances with generated configs.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx
