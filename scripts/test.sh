#!/usr/bin/env bash
# The test command (npm test): brings up MariaDB and Redis if needed, then runs every jest tier
# (unit, integration on MariaDB and SQLite, e2e over HTTP). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-services.sh
exec npx jest --ci "$@"
