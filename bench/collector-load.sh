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
# And the cost per response, which the others' load moves much less than the throughput: CPU
# seconds (user + system) per 1,000 acknowledged responses of the collector and, on PostgreSQL, of
# the database's backends (the collector's connections) and of the whole cluster (its WAL writer,
# checkpointer...). PEPITE_BENCH_SQL: SQL run on the database once the collector has migrated it,
# before the load (bench/collector-cost.sh drops the rollup triggers with it to compare schemas).
# On PostgreSQL a 5 s warm-up and ANALYZE come first (PEPITE_BENCH_WARMUP, see below); the rows
# counted are the run's.
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

postgres=0
[[ $db == postgres://* || $db == postgresql://* ]] && postgres=1
if ((postgres)) && [[ -n ${PEPITE_BENCH_SQL:-} ]]; then
  psql -qX -v ON_ERROR_STOP=1 "$db" -c "$PEPITE_BENCH_SQL" >/dev/null
fi
stored() {
  curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/stats" |
    sed -E 's/.*"responses":([0-9]+).*/\1/'
}
# PostgreSQL: a warm-up first (PEPITE_BENCH_WARMUP seconds, 5 by default, 0 for none; ids of their
# own), then ANALYZE. A session plans its statements (the triggers', the writer's prepared ones)
# once and keeps the plans until the table's statistics change: from an empty database they are
# made for an empty table until autovacuum analyzes it (within a minute in service, never in a
# 30 s run). Measured so, the complaint trigger's lookup of a response by id scanned the covering
# partial index `responses_complaints` whole, a cost growing with the rows (docs/benchmarks.md).
warmup=${PEPITE_BENCH_WARMUP:-5}
if ((postgres)) && ((warmup > 0)); then
  PEPITE_BENCH_WORKER=255 wrk -t1 -c"$connections" -d"${warmup}s" --timeout 5s \
    -s bench/collector-load.lua "http://127.0.0.1:$port/v1/responses" >/dev/null
  psql -qX "$db" -c "ANALYZE" >/dev/null
fi
rows_before=$(stored)
# The backends of the collector's connections, and every process of the cluster (the postmaster's
# children: a backend's parent).
backends() { psql -qAtX "$db" -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"; }
cluster() { local parent; parent=$(awk '{print $4}' "/proc/$(backends | head -1)/stat"); echo "$parent"; pgrep -P "$parent"; }
sum_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(ticks "$p" 2>/dev/null || echo 0))); done; echo "$t"; }

echo "collector: $bin (store ${db%%://*}, synchronous=$sync, max-batch=$batch), wrk: 1 thread, $connections connections, $duration"
# CPU time (ticks) of the whole machine, of the collector, and of wrk: the rest is other jobs.
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
read -r busy0 all0 < <(busy)
collector0=$(ticks "$pid")
if ((postgres)); then
  mapfile -t backend_pids < <(backends)
  mapfile -t cluster_pids < <(cluster)
  backends0=$(sum_ticks "${backend_pids[@]}")
  cluster0=$(sum_ticks "${cluster_pids[@]}")
fi
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
if ((postgres)); then
  backends1=$(sum_ticks "${backend_pids[@]}")
  cluster1=$(sum_ticks "${cluster_pids[@]}")
fi
out=$(cat "$work/wrk.out")
echo "$out" | grep -v '^RESULT'
result=$(echo "$out" | grep '^RESULT')
rows=$(($(stored) - rows_before))
requests=$(echo "$result" | sed -E 's/.*requests=([0-9]+).*/\1/')
non2xx=$(echo "$result" | sed -E 's/.*non2xx=([0-9]+).*/\1/')
echo "$result rows_after=$rows"
acked=$((requests - non2xx))
echo "acknowledged (2xx) = $acked, rows stored = $rows"
# Clock ticks (1/100 s) per 1,000 responses = CPU ms per response × 10: printed as ms per response.
per_response() { awk -v t="$1" -v n="$acked" 'BEGIN { printf "%.3f", n ? t * 10 / n : 0 }'; }
cost="COST cpu_ms_per_response collector=$(per_response $((collector1 - collector0)))"
if ((postgres)); then
  cost+=" pg_backends=$(per_response $((backends1 - backends0)))"
  cost+=" pg_cluster=$(per_response $((cluster1 - cluster0)))"
fi
echo "$cost"
kill "$pid" && wait "$pid" || true
others=$(( (busy1 - busy0 - (collector1 - collector0) - wrk_ticks) * 100 / (all1 - all0) ))
echo "CPU of the 2 cores: collector $(( (collector1 - collector0) * 100 / (all1 - all0) ))%," \
  "wrk $(( wrk_ticks * 100 / (all1 - all0) ))% (to its last sample), other processes ${others}%"
sed -n '/^stopped:/,$p' "$work/collector.log"
