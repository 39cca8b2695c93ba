#!/usr/bin/env bash
# Builds everything a shop and the demo need: the native core + collector, the wasm core, the JS
# bundles in dist/; prints the gzip sizes of what a shopper downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
if [[ ! -f build/native/CMakeCache.txt ]]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/native -j"$(nproc)"
bash scripts/build-wasm.sh
node scripts/build-js.mjs
sh scripts/print-sizes.sh dist/pepite.js dist/pepite-core.wasm
echo "(downloaded on the shopper's first answer or focus in the card:)"
sh scripts/print-sizes.sh dist/pepite-text.wasm
