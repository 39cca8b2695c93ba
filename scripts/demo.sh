#!/usr/bin/env bash
# The main job: builds everything, then runs the collector with the demo shop and the dashboard
# on http://127.0.0.1:8080 (SQLite file pepite.db). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
port=${PEPITE_PORT:-8080}
echo
echo "Pépite demo"
echo "  demo shop : http://127.0.0.1:${port}/"
echo "  dashboard : http://127.0.0.1:${port}/dashboard"
echo "  admin token: printed by the collector below (set PEPITE_ADMIN_TOKEN to choose it)"
echo
exec build/native/collector/pepite-collector --host 127.0.0.1 --port "$port" --db pepite.db \
  --surveys demo/surveys --static demo --widget dist --print-token "$@"
