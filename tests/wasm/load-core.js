// Loads the real wasm build (dist/pepite-core.cjs + .wasm) under Node for the wasm test suite.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** @type {Promise<any> | undefined} */
let loading;

/**
 * The Embind module. Node 20's global fetch makes the 3.1.6 glue try to fetch the .wasm by
 * path, so the bytes are passed in as `wasmBinary` (DESIGN.md).
 * @returns {Promise<any>}
 */
export function loadCore() {
  if (!loading) {
    const createPepiteCore = require(`${root}dist/pepite-core.cjs`);
    loading = createPepiteCore({ wasmBinary: readFileSync(`${root}dist/pepite-core.wasm`) });
  }
  return loading;
}

/** @param {string} relative path under tests/fixtures */
export function fixture(relative) {
  return readFileSync(`${root}tests/fixtures/${relative}`, 'utf8');
}
