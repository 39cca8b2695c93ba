// The only module touching the WebAssembly core: loads it once per URL and owns its sessions.

import { callC, instantiateC, takeC } from './c-module.js';
import { toJson } from './json.js';
import { loadOnce } from './load-once.js';

/** @type {Map<unknown, Promise<any>>} one load per wasm URL (or per binary for Node) */
const loads = new Map();

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
 * `application/wasm`); Node passes the bytes (`wasmBinary`). The shopper's pepite-core.wasm has a
 * plain C interface (wasm/core_exports.cpp), wrapped here in the raw `_session*` functions
 * pepite-tools' Embind glue binds; `factory` picks that glue instead (Node: dist/pepite-tools.cjs,
 * the core plus validators).
 * @param {{ wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array, factory?: Function }} where
 * @returns {Promise<any>} the raw bindings (`_sessionCreate`, …)
 */
export function loadCore(where) {
  // A failed load may be retried later (another URL, network back).
  return loadOnce(loads, where.wasmBinary || String(where.wasmUrl), () =>
    where.factory ? instantiateGlue(where.wasmBinary, where.factory) : instantiateC({ url: where.wasmUrl, binary: where.wasmBinary }).then(bindings),
  );
}

/**
 * The raw bindings over pepite-core.wasm's exports: JSON strings in and out, sessions by handle.
 * @param {any} c the instance's exports
 */
function bindings(c) {
  /** @param {string} name @param {Array<number | string>} args */
  const text = (name, ...args) => takeC(c, callC(c, name, args));
  return {
    /** @type {WebAssembly.Memory} */
    memory: c.memory,
    _sessionCreate: (/** @type {string} */ definition, /** @type {string} */ options) => callC(c, 'session_create', [definition, options]),
    _sessionStart: (/** @type {number} */ handle) => text('session_start', handle),
    _sessionAct: (/** @type {number} */ handle, /** @type {string} */ action) => text('session_act', handle, action),
    _sessionView: (/** @type {number} */ handle) => text('session_view', handle),
    _sessionPayload: (/** @type {number} */ handle) => text('session_payload', handle),
    _sessionDelete: (/** @type {number} */ handle) => void c.session_delete(handle),
  };
}

/**
 * An Emscripten build (pepite-tools, Node only) through its glue, given its bytes.
 * @param {ArrayBuffer | Uint8Array | undefined} wasmBinary
 * @param {Function} factory the glue's module factory
 * @returns {Promise<any>}
 */
function instantiateGlue(wasmBinary, factory) {
  return new Promise((resolve, reject) => {
    const overrides = {
      print: () => {},
      printErr: () => {},
      onAbort: (/** @type {unknown} */ what) => reject(new Error('core aborted: ' + String(what))),
      wasmBinary,
    };
    Promise.resolve(factory(overrides)).then(resolve, reject);
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
