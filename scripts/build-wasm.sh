#!/usr/bin/env bash
# Builds the survey core to WebAssembly: dist/pepite-core.{wasm,cjs} (what shoppers download to see
# the card), dist/pepite-text.wasm (the comment analysis, downloaded on the first answer in the card) and
# dist/pepite-tools.{wasm,cjs} (the core with the analysis and standalone validators, for Node), and
# dist/pepite-ui-<language>.txt (UI strings the shopper's core leaves out, written by the native
# pepite-ui-strings from the same table).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Debian's em++ loads acorn from there (docs/architecture.md)
build=build/wasm
if [[ ! -f $build/CMakeCache.txt ]]; then
  emcmake cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j"$(nproc)"
mkdir -p dist
cp "$build/out/pepite-core.wasm" dist/pepite-core.wasm
# The glue is CommonJS; .cjs keeps Node from reading it as an ES module (package type: module).
cp "$build/out/pepite-core.js" dist/pepite-core.cjs
# Its types, so `tsc` checks js/ (checkJs) without the generated glue.
cp wasm/pepite-core.d.cts dist/pepite-core.d.cts
cp "$build/out/pepite-text.wasm" dist/pepite-text.wasm
cp "$build/out/pepite-tools.wasm" dist/pepite-tools.wasm
cp "$build/out/pepite-tools.js" dist/pepite-tools.cjs
# The UI strings files come from a native tool (the table is C++): build it in build/native.
if [[ ! -f build/native/CMakeCache.txt ]]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/native --target pepite-ui-strings -j"$(nproc)"
build/native/pepite-ui-strings dist
