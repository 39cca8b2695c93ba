// Fetches and compiles a .wasm file (the core, the comment analysis): streaming when the server sends application/wasm.

import { getTwice } from './try-twice.js';

/**
 * A connection dropped before or during the download, or a 5xx, is tried once more after a second.
 * `after`: the compilation waits for it, the download does not (issue 19: the core's compilation,
 * on a phone's few cores, slowed the card drawn from a precomputed first view by 10-20 ms; see
 * docs/benchmarks.md). An answer that arrives once `after` has settled compiles while it streams;
 * one that arrives before is read whole, then compiled.
 * @param {string} url
 * @param {number} [timeoutMs] aborts a download still unfinished after this long
 * @param {Promise<unknown>} [after]
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileWasm(url, timeoutMs, after) {
  // Settles when `after` does, resolved or rejected.
  const gate = after && after.then(() => {}, () => {});
  let open = !gate;
  if (gate) gate.then(() => (open = true));
  return getTwice(url, { credentials: 'same-origin', timeoutMs }, (res) =>
    open && typeof WebAssembly.compileStreaming === 'function' && /wasm/.test(res.headers.get('content-type') || '')
      ? WebAssembly.compileStreaming(res)
      : res.arrayBuffer().then((bytes) => Promise.resolve(gate).then(() => WebAssembly.compile(bytes))),
  );
}
