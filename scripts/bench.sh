#!/usr/bin/env bash
# Benchmarks (not tests). Usage:
#   npm run bench [-- core|widget|widget-parts|text|collector|collector-attacks [binary…]|dashboard [rows]|delivery|all]
# Default: widget (our card beside the peer widgets, one run) and core.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-default}
bash scripts/build.sh >/dev/null
run() {
  case $1 in
    core)
      echo "== core (native and wasm under Node)"
      build/native/pepite-core-bench bench/five-questions.json
      node bench/core-bench.mjs ;;
    widget) echo "== widget beside peers"; node bench/widget-bench.mjs "${@:2}" ;;
    widget-parts) echo "== where the card's ready time goes"; node bench/widget-parts.mjs "${@:2}" ;;
    text)
      echo "== comment redaction and tagging (native, then pepite-text.wasm through js/text.js)"
      build/native/tests/text/text_bench
      node bench/text-bench.mjs ;;
    collector)
      # The budget (5,000/s with p99 < 20 ms) at a concurrency that does not saturate the 2 cores
      # wrk shares with the collector, then the ceiling with 64 connections (docs/collector.md).
      echo "== collector load, 12 connections"; bash bench/collector-load.sh 30s 12
      echo "== collector load, 64 connections (saturation)"; bash bench/collector-load.sh 30s 64
      # The same on a PostgreSQL 15 that with-postgres.sh starts on this machine (fsync on).
      echo "== collector load on PostgreSQL, 12 connections"
      bash scripts/with-postgres.sh sh -c 'PEPITE_BENCH_DB=$PEPITE_TEST_DB bash bench/collector-load.sh 30s 12'
      echo "== collector load on PostgreSQL, 64 connections"
      bash scripts/with-postgres.sh sh -c 'PEPITE_BENCH_DB=$PEPITE_TEST_DB bash bench/collector-load.sh 30s 64'
      echo "== two collectors on one PostgreSQL, 6 connections each (12 in all)"
      bash scripts/with-postgres.sh bash bench/collector-two.sh 30s 6 ;;
    collector-attacks)
      echo "== the abuses of issue 18: reply and memory per binary (default: this build)"
      node bench/collector-attacks.mjs "${@:2}" ;;
    dashboard)
      # Issue 16: overview and first queue pages with 1,000,000 stored responses (< 200 ms each).
      echo "== the manager's screens over 1,000,000 responses"; node bench/dashboard-bench.mjs "${@:2}" ;;
    delivery) echo "== delivery batch"; node bench/delivery-batch.mjs ;;
  esac
}
case $what in
  default) run core; run widget ;;
  all) for w in core text widget delivery collector; do run $w; done ;;
  *) run "$@" ;;
esac
