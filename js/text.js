// Loads pepite-text.wasm (comment redaction, topics, urgency) and answers the core's requests: a
// view's `analysis` in, the `analysis` action out (docs/contracts.md). Downloaded on the shopper's
// first answer.

import { compileWasm } from './compile-wasm.js';
import { FETCH_TIMEOUT_MS, TEXT_WAIT_MS } from './constants.js';
import { toJson } from './json.js';
import { loadOnce } from './load-once.js';
import { mayPass } from './try-twice.js';

/** @type {Map<unknown, Promise<(request: string) => string>>} one load per URL (or binary) */
const loads = new Map();

/**
 * Instantiates the text module. Browsers fetch it by URL; Node passes the bytes.
 * @param {{ url?: string, binary?: ArrayBuffer | Uint8Array, timeoutMs?: number }} where
 * @returns {Promise<(request: string) => string>} the analyser: request JSON in, result JSON out
 */
export function loadText(where) {
  return loadOnce(loads, where.binary || String(where.url), () => instantiate(where));
}

/**
 * The comment analysis of one widget: loads pepite-text.wasm when first asked (the shopper's first
 * answer or focus in the card: most never do, and download nothing more), and once more when a
 * lost network comes back (not after a 404).
 * @param {{ url: () => string, binary?: ArrayBuffer | Uint8Array, loaded: () => void, failed: (err: unknown, url: string) => void }} hooks
 */
export function createTextLoader(hooks) {
  /** @type {Promise<void> | null} settles once the analyser is loaded or has failed */
  let load = null;
  let settled = false;
  /** @type {((request: string) => string) | null} */
  let analyse = null;
  let stop = () => {};
  function ensure() {
    if (load) return;
    const url = hooks.url();
    load = loadText({ url, binary: hooks.binary })
      .then(
        (loaded) => {
          analyse = loaded;
          hooks.loaded();
        },
        (err) => {
          hooks.failed(err, url);
          if (!mayPass(err) || typeof window === 'undefined') return;
          const retry = () => {
            load = null;
            settled = false;
            ensure();
          };
          window.addEventListener('online', retry, { once: true });
          stop = () => window.removeEventListener('online', retry);
        },
      )
      .then(() => {
        settled = true;
      });
  }
  return {
    ensure,
    /** @returns {Promise<void> | null} the load under way, null before it starts and once it has settled */
    pending: () => (settled ? null : load),
    /** @returns {((request: string) => string) | null} pepite-text.wasm, once loaded */
    analyser: () => analyse,
    /** Forgets the retry when the network comes back. */
    destroy: () => stop(),
  };
}

/**
 * Runs the analysis a view asks for. Null when the analyser fails (the texts then stay unanalysed,
 * as when pepite-text.wasm could not load).
 * @param {(request: string) => string} analyse from loadText
 * @param {{ id: string }} request the view's `analysis`
 * @returns {{ type: 'analysis', id: string, result: object } | null} the action for the core
 */
export function analysisAction(analyse, request) {
  try {
    return { type: 'analysis', id: request.id, result: JSON.parse(analyse(toJson(request))) };
  } catch (_) {
    return null;
  }
}

/**
 * @param {{ url?: string, binary?: ArrayBuffer | Uint8Array, timeoutMs?: number }} where
 * @returns {Promise<(request: string) => string>}
 */
async function instantiate(where) {
  const imports = {
    env: { emscripten_notify_memory_growth: () => {} },
    wasi_snapshot_preview1: {
      proc_exit: (/** @type {number} */ code) => {
        throw new Error(`pepite-text exited (${code})`);
      },
    },
  };
  // A stalled download must not hold the shopper's submit forever (it waits for this load).
  const instance = where.binary
    ? (await WebAssembly.instantiate(/** @type {BufferSource} */ (where.binary), imports)).instance
    : await WebAssembly.instantiate(await compileWasm(String(where.url), where.timeoutMs || FETCH_TIMEOUT_MS), imports);
  /** @type {any} */
  const exports = instance.exports;
  exports._initialize();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return (request) => {
    const bytes = encoder.encode(request);
    const input = exports.malloc(bytes.length || 1);
    if (!input) throw new Error('pepite-text: out of memory');
    new Uint8Array(exports.memory.buffer, input, bytes.length).set(bytes);
    const output = exports.pepite_text_analyse(input, bytes.length);
    exports.free(input);
    if (!output) throw new Error('pepite-text: out of memory');
    // Read after the call: the memory may have grown (a new buffer).
    const heap = new Uint8Array(exports.memory.buffer);
    const end = heap.indexOf(0, output);
    const text = decoder.decode(heap.subarray(output, end < 0 ? heap.length : end));
    exports.free(output);
    return text;
  };
}

/**
 * Holds a shopper's action while the comment analysis loads, when the view has typed text that
 * awaits it (a `next` or `submit` may put that text into a payload): the action runs once the load
 * has settled, or after TEXT_WAIT_MS (the core then sends the text as typed). Actions asked
 * meanwhile are ignored. A load not started yet is started first (awaited text with no load under
 * way is not text that needs none). Split from js/widget.js (issue 15).
 * @param {{ pending: () => Promise<void> | null, ensure: () => void }} texts from createTextLoader
 * @param {{ later: (fn: () => void, ms: number) => any, clearTimer: (id: any) => void, busy: (on: boolean) => void }} hooks
 * @returns {(awaited: boolean, go: () => void) => void} runs `go` now or when the wait is over
 */
export function createTextGate(texts, hooks) {
  let waiting = false;
  return (awaited, go) => {
    // (A load that has settled, loaded or failed, is not started again: `ensure` is then a no-op.)
    if (awaited) texts.ensure();
    const loading = texts.pending();
    if (!loading || !awaited) {
      go();
      return;
    }
    if (waiting) return;
    waiting = true;
    hooks.busy(true);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      hooks.clearTimer(timer);
      waiting = false;
      hooks.busy(false);
      go();
    };
    const timer = hooks.later(finish, TEXT_WAIT_MS);
    loading.then(finish);
  };
}
