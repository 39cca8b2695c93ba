#!/usr/bin/env bash
# Load benchmark of the collector (not a test): a fresh database, rate limit off, wrk on
# 127.0.0.1 POSTing unique valid payloads for DURATION (30 s); prints throughput, p50/p99,
# errors, and the row count afterwards. Budget: 5,000 responses/s with p99 < 20 ms.
# Usage: bench/collector-load.sh [duration=30s] [connections=64] [synchronous=FULL] [max-batch=2048]
# (PEPITE_COLLECTOR_ARGS: more flags for the collector, e.g. "--io-threads 1")
# With PEPITE_BENCH_DB=postgresql://… the store is that (empty) PostgreSQL database instead of a
# SQLite file: `bash scripts/with-postgres.sh sh -c 'PEPITE_BENCH_DB=$PEPITE_TEST_DB bench/…'`.
# (max-batch 1 = one transaction per request: the group commit turned off, for comparison)
# Also printed: the share of the 2 cores other processes used during the run (the load generator
# shares the machine: compare runs only at similar shares), and the collector's own split of the
# POST latency (--timings: the core's reanalysis of the payload, waiting for the group commit, fsync...).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30s}
connections=${2:-64}
sync=${3:-FULL}
batch=${4:-2048}
bin=${PEPITE_COLLECTOR:-}
if [[ -z "$bin" ]]; then
  for b in build/native/collector/pepite-collector build/collector/collector/pepite-collector; do
    [[ -x "$b" ]] && bin=$b && break
  done
fi
[[ -x "$bin" ]] || { echo "build pepite-collector first (or set PEPITE_COLLECTOR)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
token=bench-$RANDOM$RANDOM
db=${PEPITE_BENCH_DB:-$work/bench.db}
PEPITE_ADMIN_TOKEN=$token "$bin" --port "$port" --db "$db" --surveys demo/surveys \
  --rate-limit 0 --no-access-log --timings --synchronous "$sync" --max-batch "$batch" ${PEPITE_COLLECTOR_ARGS:-} \
  >"$work/collector.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

echo "collector: $bin (store ${db%%://*}, synchronous=$sync, max-batch=$batch), wrk: 1 thread, $connections connections, $duration"
# CPU time (ticks) of the whole machine, of the collector, and of wrk: the rest is other jobs.
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
read -r busy0 all0 < <(busy)
collector0=$(ticks "$pid")
wrk -t1 -c"$connections" -d"$duration" --timeout 5s -s bench/collector-load.lua \
  "http://127.0.0.1:$port/v1/responses" >"$work/wrk.out" &
wrk_pid=$!
wrk_ticks=0
while kill -0 "$wrk_pid" 2>/dev/null; do
  wrk_ticks=$(ticks "$wrk_pid" 2>/dev/null || echo "$wrk_ticks")
  sleep 0.5
done
wait "$wrk_pid"
read -r busy1 all1 < <(busy)
collector1=$(ticks "$pid")
out=$(cat "$work/wrk.out")
echo "$out" | grep -v '^RESULT'
result=$(echo "$out" | grep '^RESULT')
rows=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/stats" |
  sed -E 's/.*"responses":([0-9]+).*/\1/')
requests=$(echo "$result" | sed -E 's/.*requests=([0-9]+).*/\1/')
non2xx=$(echo "$result" | sed -E 's/.*non2xx=([0-9]+).*/\1/')
echo "$result rows_after=$rows"
echo "acknowledged (2xx) = $((requests - non2xx)), rows stored = $rows"
kill "$pid" && wait "$pid" || true
others=$(( (busy1 - busy0 - (collector1 - collector0) - wrk_ticks) * 100 / (all1 - all0) ))
echo "CPU of the 2 cores: collector $(( (collector1 - collector0) * 100 / (all1 - all0) ))%," \
  "wrk $(( wrk_ticks * 100 / (all1 - all0) ))% (to its last sample), other processes ${others}%"
sed -n '/^stopped:/,$p' "$work/collector.log"
