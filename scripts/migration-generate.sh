#!/usr/bin/env bash
# Generates a migration per driver from the entities: npm run migration:generate -- <Name>
# MySQL against a scratch database on MARIADB_ADMIN_URL (default mysql://root@127.0.0.1:3306),
# SQLite against a scratch file. Review both files before committing.
set -euo pipefail
name="${1:?usage: npm run migration:generate -- <Name>}"
admin="${MARIADB_ADMIN_URL:-mariadb://root@127.0.0.1:3306}"
scratch="marquee_migration_$$"
host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname)' "$admin")
port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||3306)' "$admin")
user=$(node -e 'const u=new URL(process.argv[1]);console.log(u.username||"root")' "$admin")
mysql -h "$host" -P "$port" -u "$user" -e "CREATE DATABASE $scratch CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
trap 'mysql -h "$host" -P "$port" -u "$user" -e "DROP DATABASE IF EXISTS $scratch"; rm -f /tmp/$scratch.sqlite*' EXIT
export DATABASE_URL="$admin/$scratch"
npm run -s typeorm -- migration:run
npm run -s typeorm -- migration:generate "libs/database/src/migrations/mysql/$name"
unset DATABASE_URL
export SQLITE_PATH="/tmp/$scratch.sqlite"
npm run -s typeorm -- migration:run
npm run -s typeorm -- migration:generate "libs/database/src/migrations/sqlite/$name"
