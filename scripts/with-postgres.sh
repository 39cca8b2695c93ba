#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15: initdb in a temporary folder, a server on a
# free loopback port (as the `postgres` user when run as root: the server refuses root), a
# database `pepite_test`, then the command with PEPITE_TEST_DB=postgresql://pepite@127.0.0.1:PORT/
# pepite_test (a superuser of that cluster, so tests may create more databases), then stops the
# server and removes the folder, whatever the command's outcome. Exits with the command's status.
#   bash scripts/with-postgres.sh build/native/collector_store_test '~[sqlite]'
# PEPITE_PG_REPLICA=1 adds a streaming replica (issue 18, `--read-db`): pg_basebackup -R of the
# server into a second folder, a hot standby on its own loopback port, PEPITE_TEST_READ_DB its
# pepite_test URL and PEPITE_TEST_REPLICA_CTL a script taking `stop` or `start` for it; both
# servers are stopped and removed on exit.
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
  [[ -d $dir/replica ]] && "${as[@]}" "$bin/pg_ctl" -D "$dir/replica" -m immediate stop >/dev/null 2>&1
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as[@]}" "$bin/initdb" -D "$dir/data" -U pepite -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
# start DATA LOG: the server of DATA on a free port ($port).
start() {
  for attempt in 1 2 3; do
    port=$(free_port)
    # fsync stays on: the durability tests mean what they say. Unix socket in our folder only.
    if "${as[@]}" "$bin/pg_ctl" -D "$1" -l "$2" -w -t 30 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200" start >/dev/null; then
      return 0
    fi
  done
  cat "$2" >&2
  return 1
}
start "$dir/data" "$dir/server.log" || exit 1
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U pepite -d postgres -c 'CREATE DATABASE pepite_test' >/dev/null

export PEPITE_TEST_DB="postgresql://pepite@127.0.0.1:$port/pepite_test"
if [[ ${PEPITE_PG_REPLICA:-} == 1 ]]; then
  # initdb's pg_hba.conf lets local replication connections in (trust); wal_level is replica.
  "${as[@]}" "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U pepite -D "$dir/replica" -R -X stream -c fast \
    >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
  primary_port=$port
  start "$dir/replica" "$dir/replica.log" || exit 1
  export PEPITE_TEST_READ_DB="postgresql://pepite@127.0.0.1:$port/pepite_test"
  # The test stops and starts the standby (the fallback to the primary and back) through this.
  ctl=$(printf '%q ' "${as[@]}" "$bin/pg_ctl" -D "$dir/replica")
  cat >"$dir/replica-ctl" <<EOF
#!/usr/bin/env bash
# stop | start | freeze | thaw: the standby of with-postgres.sh, on 127.0.0.1:$port (freeze: its
# processes stopped with SIGSTOP: connections are accepted by the kernel, nothing answers)
case \$1 in
  stop) $ctl -m fast -w stop ;;
  start) $ctl -l $dir/replica.log -w -t 30 -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200" start ;;
  freeze) pid=\$(head -1 $dir/replica/postmaster.pid); kill -STOP \$pid; pkill -STOP -P \$pid ;;
  thaw) pid=\$(head -1 $dir/replica/postmaster.pid); pkill -CONT -P \$pid; kill -CONT \$pid ;;
esac
EOF
  chmod 755 "$dir/replica-ctl"
  export PEPITE_TEST_REPLICA_CTL="$dir/replica-ctl"
  port=$primary_port
fi
set +e
"$@"
status=$?
set -e
exit $status
