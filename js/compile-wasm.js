// Fetches and compiles a .wasm file (the core, the comment analysis): streaming when the server sends application/wasm.

import { getTwice } from './try-twice.js';

/**
 * A connection dropped before or during the download, or a 5xx, is tried once more after a second.
 * @param {string} url
 * @param {number} [timeoutMs] aborts a download still unfinished after this long
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileWasm(url, timeoutMs) {
  return getTwice(url, { credentials: 'same-origin', timeoutMs }, (res) =>
    typeof WebAssembly.compileStreaming === 'function' && /wasm/.test(res.headers.get('content-type') || '')
      ? WebAssembly.compileStreaming(res)
      : res.arrayBuffer().then((bytes) => WebAssembly.compile(bytes)),
  );
}
