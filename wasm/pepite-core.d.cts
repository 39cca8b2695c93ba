// Types of the Emscripten glue (dist/pepite-core.cjs), so `tsc` checks js/ without the generated
// file; build-wasm.sh copies this beside it. js/core.js is the only module that calls it.
declare function createPepiteCore(overrides?: Record<string, unknown>): Promise<any>;
export = createPepiteCore;
