#!/usr/bin/env bash
# Benchmarks (not tests). Usage: npm run bench [-- core|widget|text|collector|delivery|all]
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
    text) echo "== comment redaction and tagging"; bash bench/text-bench.sh ;;
    collector) echo "== collector load"; bash bench/collector-load.sh ;;
    delivery) echo "== delivery batch"; node bench/delivery-batch.mjs ;;
  esac
}
case $what in
  default) run core; run widget ;;
  all) for w in core text widget delivery collector; do run $w; done ;;
  *) run "$@" ;;
esac
