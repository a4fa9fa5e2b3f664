-- Run once by the mariadb image on each database server's first start (docker-compose.yml).
-- The replication login must exist on every server, since any of them may become the primary.
-- Not written to the binlog: each server makes its own, so no server starts with GTIDs of its own.
SET SESSION sql_log_bin = 0;
CREATE USER IF NOT EXISTS 'repl'@'%' IDENTIFIED BY 'repl';
GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';
