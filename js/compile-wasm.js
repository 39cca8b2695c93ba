// Fetches and compiles a .wasm file (the core, the comment analysis): streaming when the server sends application/wasm.

import { fetchSoon } from './fetch-soon.js';
import { httpError, tryTwice } from './try-twice.js';

/**
 * A connection dropped before or during the download, or a 5xx, is tried once more after a second.
 * @param {string} url
 * @param {number} [timeoutMs] aborts a download still unfinished after this long
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileWasm(url, timeoutMs) {
  return tryTwice(() => compile_once(url, timeoutMs));
}

/**
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<WebAssembly.Module>}
 */
async function compile_once(url, timeoutMs) {
  const controller = timeoutMs && typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : 0;
  try {
    const res = await fetchSoon(url, { credentials: 'same-origin', signal: controller ? controller.signal : undefined });
    if (!res.ok) throw httpError(url, res.status);
    if (typeof WebAssembly.compileStreaming === 'function' && /wasm/.test(res.headers.get('content-type') || '')) {
      return await WebAssembly.compileStreaming(res);
    }
    return await WebAssembly.compile(await res.arrayBuffer());
  } finally {
    clearTimeout(timer);
  }
}
