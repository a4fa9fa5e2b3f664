# Marquee's MariaDB replication settings and setup statements, sourced by both ways of running
# the database: scripts/mariadb-cluster.sh (three local instances) and docker/mariadb-entrypoint.sh
# (one server per container, docker-compose.yml). GTID replication (master_use_gtid=slave_pos,
# gtid_strict_mode), log_slave_updates, row-based binlog, semi-synchronous replication with the
# AFTER_SYNC wait point; every server starts read_only with --init-rpl-role=SLAVE.
#
# Needs REPL_USER, REPL_PASSWORD, APP_USER, APP_PASSWORD and DATABASE set by the caller.

# The semi-sync timeout both use unless told otherwise: 2^32-1 ms (49 days), i.e. never. A primary
# whose replicas stop acknowledging does not fall back to asynchronous commits (which a crash of it
# would lose, after the client was told "booked"); its commits wait, the node answers 503 after
# DATABASE_WRITE_TIMEOUT_MS with an unknown outcome, and a retry with the Idempotency-Key resolves it.
# With wait-no-slave ON the wait holds even when no replica is connected at all.
SEMISYNC_NEVER_MS=4294967295

# replication_config <server id> <semi-sync timeout ms>: the [mariadbd] lines both share.
replication_config() {
  cat <<EOF_CONFIG
server-id=$1
gtid-domain-id=0
log-bin=binlog
relay-log=relay
log-slave-updates=ON
binlog-format=ROW
gtid-strict-mode=ON
sync-binlog=1
innodb-flush-log-at-trx-commit=1
# Fenced until made primary; crash recovery as a replica (drops unacknowledged transactions).
read-only=ON
init-rpl-role=SLAVE
rpl-semi-sync-slave-enabled=ON
rpl-semi-sync-master-enabled=OFF
rpl-semi-sync-master-wait-point=AFTER_SYNC
rpl-semi-sync-master-timeout=$2
rpl-semi-sync-master-wait-no-slave=ON
slave-net-timeout=4
slave-parallel-threads=4
slave-parallel-mode=optimistic
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
EOF_CONFIG
}

# users_sql: the replication login and the app's login (no READ ONLY ADMIN, so read_only stops it).
users_sql() {
  echo "CREATE USER IF NOT EXISTS '$REPL_USER'@'%' IDENTIFIED BY '$REPL_PASSWORD';
    GRANT REPLICATION SLAVE ON *.* TO '$REPL_USER'@'%';
    CREATE USER IF NOT EXISTS '$APP_USER'@'%' IDENTIFIED BY '$APP_PASSWORD';
    GRANT ALL PRIVILEGES ON \`${DATABASE}%\`.* TO '$APP_USER'@'%';"
}

# database_sql: the app's database.
database_sql() {
  echo "CREATE DATABASE IF NOT EXISTS \`$DATABASE\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
}

# make_primary_sql: writable, semi-sync master.
make_primary_sql() {
  echo "SET GLOBAL rpl_semi_sync_master_enabled = ON; SET GLOBAL read_only = OFF;"
}

# make_replica_sql <primary host> <primary port>: replicate from it by GTID.
make_replica_sql() {
  echo "STOP SLAVE; CHANGE MASTER TO MASTER_HOST='$1', MASTER_PORT=$2, MASTER_USER='$REPL_USER',
    MASTER_PASSWORD='$REPL_PASSWORD', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE;"
}
