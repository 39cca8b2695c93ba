// Loads the real wasm builds under Node for the wasm test suite: pepite-tools (the core plus the
// standalone validators the vectors need) and pepite-core (what shoppers download).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCore as loadShopperCore } from '../../js/core.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** @type {Map<string, Promise<any>>} */
const loading = new Map();

/**
 * The raw bindings of one build: pepite-tools through its Embind glue (Node 20's global fetch makes
 * the 3.1.6 glue try to fetch the .wasm by path, so the bytes are passed in as `wasmBinary`, see
 * docs/architecture.md, "Toolchain facts"); pepite-core, which has no glue, through js/core.js.
 * @param {'pepite-tools' | 'pepite-core'} [build]
 * @returns {Promise<any>}
 */
export function loadCore(build = 'pepite-tools') {
  let p = loading.get(build);
  if (!p) {
    const wasmBinary = readFileSync(`${root}dist/${build}.wasm`);
    p = build === 'pepite-core' ? loadShopperCore({ wasmBinary }) : require(`${root}dist/${build}.cjs`)({ wasmBinary });
    loading.set(build, p);
  }
  return p;
}

/** @param {string} relative path under tests/fixtures */
export function fixture(relative) {
  return readFileSync(`${root}tests/fixtures/${relative}`, 'utf8');
}
