// The only module touching the WebAssembly core: loads it once per URL and owns its sessions.

import createPepiteCore from '../dist/pepite-core.cjs';
import { compileWasm } from './compile-wasm.js';
import { toJson } from './json.js';
import { loadOnce } from './load-once.js';

/** @type {Map<unknown, Promise<any>>} one load per wasm URL (or per binary for Node) */
const loads = new Map();
/** @type {Map<unknown, { open: () => void, opened: Promise<unknown> }>} the compile gate of each */
const gates = new Map();

/** Frees sessions a widget forgot to destroy (harfbuzzjs `track()` idea). */
const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((/** @type {{ Module: any, handle: number }} */ held) => {
        try {
          held.Module._sessionDelete(held.handle);
        } catch (_) {
          // The module is gone with its page.
        }
      })
    : null;

/**
 * Loads the core. In browsers the wasm is fetched by URL (streaming compile when the server sends
 * `application/wasm`); Node passes the bytes (`wasmBinary`), see docs/architecture.md.
 * `factory` picks another build's glue (Node: dist/pepite-tools.cjs, the core plus validators).
 * `after`: the compilation and the glue's set-up wait for it (issue 19: not before the card drawn
 * early), while the download starts at once; with several callers, for the first `after` to settle.
 * @param {{ wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array, factory?: Function, after?: Promise<unknown> }} where
 * @returns {Promise<any>} the Emscripten Module
 */
export function loadCore(where) {
  const key = where.wasmBinary || String(where.wasmUrl);
  // One gate per source that any caller's `after` opens: two widgets of a page share the core,
  // and the second must not wait for the first's card (a widget destroyed before its card, a
  // card never drawn), nor the first for the second's.
  let gate = gates.get(key);
  if (!gate) {
    /** @type {() => void} */
    let open = () => {};
    const opened = new Promise((resolve) => (open = () => resolve(undefined)));
    gate = { open, opened };
    gates.set(key, gate);
  }
  Promise.resolve(where.after).then(gate.open, gate.open);
  const opened = gate.opened;
  // A failed load may be retried later (another URL, network back).
  return loadOnce(loads, key, () => instantiate(Object.assign({}, where, { after: opened })));
}

/**
 * @param {{ wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array, factory?: Function, after?: Promise<unknown> }} where
 * @returns {Promise<any>}
 */
function instantiate(where) {
  // Download before the glue runs; compile once `where.after` allows (the early card drawn), so
  // both overlap with the glue's set-up. Always through
  // `instantiateWasm`: pepite.js leaves the glue's own loader out (scripts/bundle-options.mjs).
  const compiled = where.wasmBinary ? WebAssembly.compile(/** @type {BufferSource} */ (where.wasmBinary)) : compileWasm(String(where.wasmUrl), undefined, where.after);
  compiled.catch(() => {});
  return new Promise((resolve, reject) => {
    /** @type {Record<string, any>} */
    const overrides = {
      print: () => {},
      printErr: () => {},
      onAbort: (/** @type {unknown} */ what) => reject(new Error('core aborted: ' + String(what))),
      instantiateWasm: (/** @type {any} */ imports, /** @type {Function} */ done) => {
        compiled.then((module) => WebAssembly.instantiate(module, imports).then((instance) => done(instance, module))).catch(reject);
        return {};
      },
    };
    // The glue's set-up (a few ms; 15-25 ms at 4× CPU) runs after the request has left
    // (fetchSoon queued it first), and after `where.after`.
    Promise.resolve(where.after).then(() => {
      let factory;
      try {
        factory = (where.factory || createPepiteCore)(overrides);
      } catch (err) {
        reject(err);
        return;
      }
      Promise.resolve(factory).then(resolve, reject);
    });
  });
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
 * Checks a definition with the core (pepite-tools build; the shopper's build checks it when a
 * session starts).
 * @param {any} Module
 * @param {string} definitionJson
 * @returns {any} the core's result (`{ok, errors, warnings, ...}`)
 */
export function validateDefinition(Module, definitionJson) {
  return from_core(Module._validateDefinition(definitionJson));
}

/**
 * Checks a payload with the core, against a definition (pepite-tools build).
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
 * @property {() => void} destroy frees the C++ session; later calls answer errors
 */

/**
 * @param {any} Module
 * @param {string} definitionJson
 * @param {object} options session options (docs/contracts.md)
 * @returns {CoreSession}
 */
export function createSession(Module, definitionJson, options) {
  // A handle into the core's session table (0 once destroyed).
  let handle = /** @type {number} */ (Module._sessionCreate(definitionJson, toJson(options)));
  const token = {};
  if (registry) registry.register(token, { Module, handle }, token);
  const gone = { ok: false, errors: [{ code: 'session.destroyed', path: '', message: 'the session was destroyed' }] };
  return {
    start: () => (handle ? from_core(Module._sessionStart(handle)) : gone),
    act: (action) => (handle ? from_core(Module._sessionAct(handle, toJson(action))) : gone),
    view: () => (handle ? from_core(Module._sessionView(handle)) : null),
    payload: () => (handle ? from_core(Module._sessionPayload(handle)) : null),
    destroy() {
      if (!handle) return;
      if (registry) registry.unregister(token);
      Module._sessionDelete(handle);
      handle = 0;
    },
  };
}
