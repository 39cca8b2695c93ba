// Instantiates the project's wasm modules that have a plain C interface and no Emscripten glue
// (pepite-core.wasm: the sessions; pepite-text.wasm: the comment analysis) and passes strings
// through their memory: UTF-8 in as (pointer, size), answers out NUL-terminated from malloc.

import { compileWasm } from './compile-wasm.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Their only imports (STANDALONE_WASM keeps memory growth and memcpy inside the module).
 * @type {WebAssembly.Imports}
 */
const imports = {
  env: { emscripten_notify_memory_growth: () => {} },
  wasi_snapshot_preview1: {
    proc_exit: (/** @type {number} */ code) => {
      throw new Error(`pepite wasm exited (${code})`);
    },
  },
};

/**
 * Browsers fetch the module by URL; Node passes the bytes.
 * @param {{ url?: string, binary?: ArrayBuffer | Uint8Array, timeoutMs?: number }} where
 * @returns {Promise<any>} the instance's exports, initialised
 */
export async function instantiateC(where) {
  const instance = where.binary
    ? (await WebAssembly.instantiate(/** @type {BufferSource} */ (where.binary), imports)).instance
    : await WebAssembly.instantiate(await compileWasm(String(where.url), where.timeoutMs), imports);
  /** @type {any} */
  const exports = instance.exports;
  exports._initialize();
  return exports;
}

/**
 * Calls an export: numbers pass as they are, each string as a (pointer, size) pair of its UTF-8
 * copy, freed after the call.
 * @param {any} exports from instantiateC
 * @param {string} name
 * @param {Array<number | string>} args
 * @returns {number} what the export returned
 */
export function callC(exports, name, args) {
  /** @type {number[]} */
  const flat = [];
  /** @type {number[]} */
  const copies = [];
  try {
    for (const arg of args) {
      if (typeof arg === 'number') {
        flat.push(arg);
        continue;
      }
      const bytes = encoder.encode(arg);
      const at = exports.malloc(bytes.length || 1);
      if (!at) throw new Error('pepite wasm: out of memory');
      copies.push(at);
      new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
      flat.push(at, bytes.length);
    }
    return exports[name](...flat);
  } finally {
    for (const at of copies) exports.free(at);
  }
}

/**
 * Reads and frees an answer: a NUL-terminated string from malloc (0: the module ran out of memory).
 * @param {any} exports
 * @param {number} at
 * @returns {string}
 */
export function takeC(exports, at) {
  if (!at) throw new Error('pepite wasm: out of memory');
  // Read after the call: the memory may have grown (a new buffer).
  const heap = new Uint8Array(exports.memory.buffer);
  const end = heap.indexOf(0, at);
  const text = decoder.decode(heap.subarray(at, end < 0 ? heap.length : end));
  exports.free(at);
  return text;
}
