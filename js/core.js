// The only module touching the WebAssembly core: loads it once per URL and owns its Session objects.

import createPepiteCore from '../dist/pepite-core.cjs';

/** @type {Map<string, Promise<any>>} one load per wasm URL (or per binary for Node) */
const loads = new Map();

/** Frees Session objects a widget forgot to destroy (harfbuzzjs `track()` idea). */
const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((/** @type {{ delete(): void }} */ raw) => {
        try {
          raw.delete();
        } catch (_) {
          // Already deleted.
        }
      })
    : null;

/**
 * Loads the core. In browsers the wasm is fetched by URL (streaming compile when the server sends
 * `application/wasm`); Node passes the bytes (`wasmBinary`), see DESIGN.md.
 * @param {{ wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array }} where
 * @returns {Promise<any>} the Emscripten Module
 */
export function loadCore(where) {
  const key = where.wasmBinary ? 'binary' : String(where.wasmUrl);
  let p = loads.get(key);
  if (!p) {
    p = instantiate(where);
    loads.set(key, p);
    // A failed load may be retried later (another URL, network back).
    p.catch(() => loads.delete(key));
  }
  return p;
}

/**
 * @param {{ wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array }} where
 * @returns {Promise<any>}
 */
function instantiate(where) {
  return new Promise((resolve, reject) => {
    /** @type {Record<string, any>} */
    const overrides = {
      print: () => {},
      printErr: () => {},
      onAbort: (/** @type {unknown} */ what) => reject(new Error('core aborted: ' + String(what))),
    };
    if (where.wasmBinary) overrides.wasmBinary = where.wasmBinary;
    else {
      const url = String(where.wasmUrl);
      overrides.locateFile = () => url;
      overrides.instantiateWasm = (/** @type {any} */ imports, /** @type {Function} */ done) => {
        fetch_and_instantiate(url, imports).then(
          (result) => done(result.instance, result.module),
          reject,
        );
        return {};
      };
    }
    let factory;
    try {
      factory = createPepiteCore(overrides);
    } catch (err) {
      reject(err);
      return;
    }
    Promise.resolve(factory).then(resolve, reject);
  });
}

/**
 * @param {string} url
 * @param {WebAssembly.Imports} imports
 * @returns {Promise<{ instance: WebAssembly.Instance, module: WebAssembly.Module }>}
 */
async function fetch_and_instantiate(url, imports) {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  if (typeof WebAssembly.instantiateStreaming === 'function' && /wasm/.test(res.headers.get('content-type') || '')) {
    return WebAssembly.instantiateStreaming(res, imports);
  }
  return WebAssembly.instantiate(await res.arrayBuffer(), imports);
}

/**
 * Parses a JSON string coming from the core; a malformed one becomes a structured error.
 * @param {string} text
 * @returns {any}
 */
function from_core(text) {
  try {
    return JSON.parse(text);
  } catch (_) {
    return { ok: false, errors: [{ code: 'core.bad_output', path: '', message: 'the core answered malformed JSON' }] };
  }
}

/**
 * Checks a definition with the core.
 * @param {any} Module
 * @param {string} definitionJson
 * @returns {any} the core's result (`{ok, errors, warnings, ...}`)
 */
export function validateDefinition(Module, definitionJson) {
  return from_core(Module._validateDefinition(definitionJson));
}

/**
 * Checks a payload with the core, against a definition.
 * @param {any} Module
 * @param {string} payloadJson
 * @param {string} definitionJson
 * @returns {any}
 */
export function validatePayload(Module, payloadJson, definitionJson) {
  return from_core(Module._validatePayload(payloadJson, definitionJson));
}

/**
 * A shopper's run through one survey, wrapping the core's Session. JSON in, objects out.
 * @typedef {object} CoreSession
 * @property {() => any} start the start report `{ok, view, warnings}` or `{ok:false, errors}`
 * @property {(action: object) => any} act `{ok, errors, view, payload, score}`
 * @property {() => any} view
 * @property {() => any} payload
 * @property {() => void} destroy frees the C++ object; later calls answer errors
 */

/**
 * @param {any} Module
 * @param {string} definitionJson
 * @param {object} options session options (docs/contracts.md)
 * @returns {CoreSession}
 */
export function createSession(Module, definitionJson, options) {
  /** @type {any} */
  let raw = new Module._Session(definitionJson, JSON.stringify(options));
  const token = {};
  if (registry) registry.register(token, raw, token);
  const gone = { ok: false, errors: [{ code: 'session.destroyed', path: '', message: 'the session was destroyed' }] };
  return {
    start: () => (raw ? from_core(raw.startReport()) : gone),
    act: (action) => (raw ? from_core(raw.act(JSON.stringify(action))) : gone),
    view: () => (raw ? from_core(raw.view()) : null),
    payload: () => (raw ? from_core(raw.payload()) : null),
    destroy() {
      if (!raw) return;
      if (registry) registry.unregister(token);
      raw.delete();
      raw = null;
    },
  };
}
