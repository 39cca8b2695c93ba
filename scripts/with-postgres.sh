#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15: initdb in a temporary folder, a server on a
# free loopback port (as the `postgres` user when run as root: the server refuses root), a
# database `pepite_test`, then the command with PEPITE_TEST_DB=postgresql://pepite@127.0.0.1:PORT/
# pepite_test (a superuser of that cluster, so tests may create more databases), then stops the
# server and removes the folder, whatever the command's outcome. Exits with the command's status.
#   bash scripts/with-postgres.sh build/native/collector_store_test '~[sqlite]'
set -euo pipefail
bin=${PEPITE_PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $bin/pg_ctl ]] || { echo "with-postgres: no PostgreSQL in $bin (bash scripts/bootstrap.sh)" >&2; exit 1; }

dir=$(mktemp -d /tmp/pepite-pg.XXXXXX)
as=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$dir"
  as=(runuser -u postgres --)
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as[@]}" "$bin/initdb" -D "$dir/data" -U pepite -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
started=0
for attempt in 1 2 3; do
  port=$(free_port)
  # fsync stays on: the durability tests mean what they say. Unix socket in our folder only.
  if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200" start >/dev/null; then
    started=1
    break
  fi
done
((started)) || { cat "$dir/server.log" >&2; exit 1; }
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U pepite -d postgres -c 'CREATE DATABASE pepite_test' >/dev/null

export PEPITE_TEST_DB="postgresql://pepite@127.0.0.1:$port/pepite_test"
set +e
"$@"
status=$?
set -e
exit $status
