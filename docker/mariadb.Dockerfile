# Debian's MariaDB (10.11 in bookworm), one server of the compose deployment's primary + two
# semi-sync replicas. The replication settings and setup statements are the ones the local
# cluster uses (scripts/mariadb-replication.sh, shared with scripts/mariadb-cluster.sh);
# docker/mariadb-entrypoint.sh applies them: a server id and role from the environment, users on
# first start, the primary writable, the replicas following it by GTID.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends mariadb-server mariadb-client \
 && rm -rf /var/lib/apt/lists/* /var/lib/mysql/* \
 && mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql
COPY scripts/mariadb-replication.sh /usr/local/lib/marquee/mariadb-replication.sh
COPY docker/mariadb-entrypoint.sh /usr/local/bin/marquee-mariadb
VOLUME /var/lib/mysql
EXPOSE 3306
HEALTHCHECK --interval=3s --timeout=3s --retries=40 CMD ["marquee-mariadb", "healthy"]
CMD ["marquee-mariadb"]
