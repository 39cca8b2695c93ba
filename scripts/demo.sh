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
# The collector keeps only a hash of its token: the demo keeps its own in pepite-demo-token (0600)
# so it can print it at every start, unless PEPITE_ADMIN_TOKEN chooses one.
if [[ -z ${PEPITE_ADMIN_TOKEN:-} ]]; then
  if [[ ! -s pepite-demo-token ]]; then
    (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >pepite-demo-token)
  fi
  PEPITE_ADMIN_TOKEN=$(cat pepite-demo-token)
  export PEPITE_ADMIN_TOKEN
fi
echo "  admin token: ${PEPITE_ADMIN_TOKEN}"
echo
exec build/native/collector/pepite-collector --host 127.0.0.1 --port "$port" --db pepite.db \
  --surveys demo/surveys --static demo --widget dist "$@"
