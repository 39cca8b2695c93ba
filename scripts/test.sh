#!/usr/bin/env bash
# Runs every test: Catch2 (native core + collector) with ctest, the fuzzers for a short fixed
# time, then Node's test runner over the JS unit tests, the wasm suite and the Chromium
# end-to-end tests, all against the real builds. Installs what is missing first. The collector's
# store, HTTP and durability suites run under ctest twice: on SQLite, and on a PostgreSQL 15 that
# scripts/with-postgres.sh starts in a temporary folder and stops (ctest names them *_postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh

echo "== native build and Catch2 (ctest)"
if [[ ! -f build/native/CMakeCache.txt ]]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/native -j"$(nproc)"
ctest --test-dir build/native --output-on-failure -j"$(nproc)"

echo "== fuzzers (libFuzzer + ASan + UBSan, ${PEPITE_FUZZ_SECONDS:-15} s each)"
bash scripts/fuzz.sh "${PEPITE_FUZZ_SECONDS:-15}"

echo "== wasm and JS builds"
bash scripts/build-wasm.sh
node scripts/build-js.mjs
sh scripts/print-sizes.sh dist/pepite.js dist/pepite-core.wasm
echo "(downloaded on the shopper's first answer or focus in the card:)"
sh scripts/print-sizes.sh dist/pepite-text.wasm

echo "== types (tsc --noEmit: checkJs over js/ and collector/dashboard/, and tests/types/example.ts against js/pepite.d.ts)"
npx tsc --noEmit -p tsconfig.json

echo "== JS unit tests with the clock a year ahead (a test that reads a fixed date against the real clock fails today, not next month: #21)"
PEPITE_TEST_CLOCK_SHIFT_DAYS=366 node --import ./tests/lib/shift-clock.mjs \
  -e 'if (Date.now() - performance.timeOrigin < 300 * 864e5) throw new Error("the clock did not move")'
PEPITE_TEST_CLOCK_SHIFT_DAYS=366 node --import ./tests/lib/shift-clock.mjs --test --test-concurrency=1 tests/js

echo "== JS, wasm and end-to-end tests (node --test)"
# (the collector's HTTP and durability suites already ran under ctest)
node --test --test-concurrency=1 tests/js tests/wasm tests/text tests/e2e tests/collector/dashboard.test.js \
  tests/collector/inbox.test.js \
  tests/collector/demo.test.js tests/collector/hosted.test.js tests/collector/status-page.test.js

echo "== the collector's browser suites again, on PostgreSQL (scripts/with-postgres.sh)"
bash scripts/with-postgres.sh node --test --test-concurrency=1 tests/collector/dashboard.test.js \
  tests/collector/inbox.test.js \
  tests/collector/demo.test.js tests/collector/hosted.test.js tests/collector/status-page.test.js
