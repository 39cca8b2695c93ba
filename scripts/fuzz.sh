#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a fixed time.
# Usage: scripts/fuzz.sh [seconds per target]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
build=build/fuzz
if [[ ! -f $build/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPEPITE_FUZZ=ON \
    -DPEPITE_TESTS=OFF -DPEPITE_COLLECTOR=OFF >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target pepite_fuzzers
for target in "$build"/tests/fuzz/fuzz_*; do
  [[ -x $target ]] || continue
  name=$(basename "$target")
  corpus=$build/corpus/$name
  mkdir -p "$corpus"
  seeds=tests/fuzz/seeds/${name#fuzz_}
  echo "fuzz: $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -max_len=70000 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=0 "$corpus" $([[ -d $seeds ]] && echo "$seeds") 2>"$build/$name.log" ||
    { tail -n 60 "$build/$name.log"; echo "fuzz: $name FAILED"; exit 1; }
  grep -E '^(#[0-9]+\s+DONE|Done)' "$build/$name.log" | tail -n 1 || true
done
