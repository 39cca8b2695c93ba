// Loads the real wasm builds under Node for the wasm test suite: pepite-tools (the core plus the
// standalone validators the vectors need) and pepite-core (what shoppers download).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** @type {Map<string, Promise<any>>} */
const loading = new Map();

/**
 * The Embind module of one build. Node 20's global fetch makes the 3.1.6 glue try to fetch the
 * .wasm by path, so the bytes are passed in as `wasmBinary` (docs/architecture.md, "Toolchain facts").
 * @param {'pepite-tools' | 'pepite-core'} [build]
 * @returns {Promise<any>}
 */
export function loadCore(build = 'pepite-tools') {
  let p = loading.get(build);
  if (!p) {
    const createPepiteCore = require(`${root}dist/${build}.cjs`);
    p = createPepiteCore({ wasmBinary: readFileSync(`${root}dist/${build}.wasm`) });
    loading.set(build, p);
  }
  return p;
}

/** @param {string} relative path under tests/fixtures */
export function fixture(relative) {
  return readFileSync(`${root}tests/fixtures/${relative}`, 'utf8');
}
