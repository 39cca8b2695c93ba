#!/usr/bin/env bash
# Load benchmark (not a test): two collectors on one PostgreSQL database, one wrk on each (their
# ids kept apart by PEPITE_BENCH_WORKER), for DURATION; prints each wrk's RESULT line and the rows
# stored (all distinct). Run it through scripts/with-postgres.sh, which sets PEPITE_TEST_DB:
#   bash scripts/with-postgres.sh bash bench/collector-two.sh [duration=30s] [connections each=6]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30s}
connections=${2:-6}
[[ -n ${PEPITE_TEST_DB:-} ]] || { echo "run through scripts/with-postgres.sh" >&2; exit 1; }
bin=${PEPITE_COLLECTOR:-build/native/collector/pepite-collector}
[[ -x $bin ]] || { echo "build pepite-collector first (or set PEPITE_COLLECTOR)" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ports=()
for n in 1 2; do
  port=$((20000 + RANDOM % 20000))
  PEPITE_ADMIN_TOKEN=bench "$bin" --port "$port" --db "$PEPITE_TEST_DB" --surveys demo/surveys \
    --rate-limit 0 --no-access-log >"$work/collector-$n.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
  for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
done
echo "two collectors on one PostgreSQL, wrk: 1 thread and $connections connections on each, $duration"
loads=()
for n in 1 2; do
  PEPITE_BENCH_WORKER=$n wrk -t1 -c"$connections" -d"$duration" --timeout 5s \
    -s bench/collector-load.lua "http://127.0.0.1:${ports[n - 1]}/v1/responses" >"$work/wrk-$n.out" &
  loads+=($!)
done
wait "${loads[@]}"
grep -h '^RESULT' "$work"/wrk-*.out
echo "rows stored, distinct ids: $(psql -At "$PEPITE_TEST_DB" -c \
  'SELECT count(*) || $$ / $$ || count(DISTINCT response_id) FROM responses')"
