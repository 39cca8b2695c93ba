#!/usr/bin/env bash
# What the rollups cost per POST on PostgreSQL (a benchmark, not a test): bench/collector-load.sh
# on a fresh database per run, the schema as this collector migrates it (v10), then by hand with
# the rollup triggers of version 9 in place of its own (v9: bench/pg-v9-triggers.sql) and without
# any rollup trigger nor the indexes v7 and v8 added (v6), the runs interleaved REPEAT times.
# Prints, per run, the throughput and p99 (they move with the other engineers' load) and the CPU
# per response of the collector and of PostgreSQL (they move much less).
# Usage: bash scripts/with-postgres.sh bash bench/collector-cost.sh [duration=20s] [connections=12] [repeat=2]
# (PEPITE_COST_SCHEMAS: the variants to run, "current v9 v6" by default; also "unprepared": the
# current schema, the writer's statements neither prepared nor pipelined (PEPITE_PG_PREPARE=off,
# as before), and "unpipelined": prepared, one round trip a statement (PEPITE_PG_PIPELINE=off))
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
connections=${2:-12}
repeat=${3:-2}
url=${PEPITE_BENCH_DB:-${PEPITE_TEST_DB:-}}
[[ $url == postgres* ]] || { echo "run under scripts/with-postgres.sh (or set PEPITE_BENCH_DB)" >&2; exit 1; }
base=${url%/*}

v9_triggers=$(cat bench/pg-v9-triggers.sql)
without_rollups="DROP FUNCTION pepite_rollups, pepite_case_complaint CASCADE; DROP INDEX \
responses_solved, responses_complaints, cases_kpis, responses_callback_queue;"

printf '%-11s %10s %9s %10s %11s %11s %7s\n' schema "POSTs/s" "p99 ms" collector pg_backends \
  pg_cluster others
for ((i = 1; i <= repeat; i++)); do
  for schema in ${PEPITE_COST_SCHEMAS:-current v9 v6}; do
    name=pepite_cost_${schema}_$i
    psql -qX "$base/postgres" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1
    prepare=on pipeline=on
    case $schema in
      v9) sql=$v9_triggers ;;
      v6) sql=$without_rollups ;;
      unprepared) sql= prepare=off pipeline=off ;;
      unpipelined) sql= pipeline=off ;;
      *) sql= ;;
    esac
    out=$(PEPITE_PG_PREPARE=$prepare PEPITE_PG_PIPELINE=$pipeline PEPITE_BENCH_DB=$base/$name \
      PEPITE_BENCH_SQL=$sql bash bench/collector-load.sh "$duration" "$connections")
    psql -qX "$base/postgres" -c "DROP DATABASE $name" >/dev/null
    value() { grep -oE "$1=[0-9.]+" <<<"$out" | head -1 | cut -d= -f2; }
    printf '%-11s %10s %9s %10s %11s %11s %6s%%\n' "$schema" "$(value throughput_rps)" \
      "$(value p99_ms)" "$(value collector)" "$(value pg_backends)" "$(value pg_cluster)" \
      "$(grep -oE 'other processes [0-9]+' <<<"$out" | grep -oE '[0-9]+$')"
  done
done
echo "collector, pg_backends (its connections), pg_cluster (every PostgreSQL process): CPU ms per acknowledged response"
