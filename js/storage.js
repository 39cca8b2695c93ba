// Key/value storage for JSON values: localStorage when usable, an in-memory map otherwise; never throws.

import { toJson } from './json.js';

/** @type {Map<string, string>} memory fallback shared by every namespace of this page */
const memory = new Map();

/**
 * Returns window.localStorage when it can be read and written, else null.
 * Some browsers throw on the mere property access (blocked cookies, sandboxed iframes).
 * @param {(err: unknown) => void} report told of the failure
 * @returns {Storage | null}
 */
function local_storage(report) {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    const probe = '__pepite_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch (err) {
    report(err);
    return null;
  }
}

/**
 * Creates a storage view under a key prefix. Values are JSON-serialisable; a value that cannot be
 * read back (corrupt JSON, storage error) reads as undefined.
 * Keys are stored as `pepite:<namespace>:<key>`; `set` returns true when the value was persisted.
 * @param {string} namespace short area name, e.g. 'outbox' or 'seen'
 * @param {(err: unknown) => void} [onError] told once, on the first storage failure
 * @param {boolean} [memoryOnly] never touch localStorage: this page's memory only (a delivery
 *   created without a storage)
 * @returns {{ get(key: string): any, set(key: string, value: any): boolean, remove(key: string): void, persistent: boolean }}
 */
export function createStorage(namespace, onError, memoryOnly) {
  const prefix = 'pepite:' + String(namespace) + ':';
  let reported = false;
  /** @param {unknown} err */
  const report = (err) => {
    if (reported || typeof onError !== 'function') return;
    reported = true;
    try {
      onError(err);
    } catch (_) {
      // A listener failing must not break storage.
    }
  };
  let backend = memoryOnly ? null : local_storage(report);
  return {
    persistent: backend !== null,
    get(key) {
      const k = prefix + key;
      // The memory copy wins: it only exists when the persistent write failed (newer value).
      let text = memory.has(k) ? memory.get(k) : null;
      if (text === null && backend) {
        try {
          text = backend.getItem(k);
        } catch (err) {
          backend = null;
          report(err);
        }
      }
      if (text === null || text === undefined) return undefined;
      try {
        return JSON.parse(text);
      } catch (_) {
        return undefined;
      }
    },
    set(key, value) {
      const k = prefix + key;
      let text;
      try {
        text = toJson(value);
      } catch (_) {
        return false;
      }
      if (text === undefined) return false;
      if (backend) {
        try {
          backend.setItem(k, text);
          memory.delete(k);
          return true;
        } catch (err) {
          // Quota exceeded or storage revoked: keep a memory copy for this page's life.
          report(err);
        }
      }
      memory.set(k, text);
      return false;
    },
    remove(key) {
      const k = prefix + key;
      memory.delete(k);
      if (backend) {
        try {
          backend.removeItem(k);
        } catch (err) {
          backend = null;
          report(err);
        }
      }
    },
  };
}

/**
 * Wraps a storage so that none of its methods can throw (a shop's own storage object might).
 * @param {any} s
 * @returns {{ get(key: string): any, set(key: string, value: any): boolean, remove(key: string): void }}
 */
export function safeStorage(s) {
  return {
    get(k) {
      try {
        return s.get(k);
      } catch (_) {
        return undefined;
      }
    },
    set(k, v) {
      try {
        return s.set(k, v) !== false;
      } catch (_) {
        return false;
      }
    },
    remove(k) {
      try {
        if (typeof s.remove === 'function') s.remove(k);
      } catch (_) {
        // Nothing to do: the value stays or the storage is gone.
      }
    },
  };
}
