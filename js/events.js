// A tiny event emitter for widget events; a throwing listener never reaches the emitter's caller.

import { LOG_PREFIX } from './constants.js';

/**
 * @returns {{ on(type: string, fn: Function): void, off(type: string, fn?: Function): void,
 *   emit(type: string, detail?: any): void, clear(): void }}
 */
export function createEmitter() {
  /** @type {Map<string, Function[]>} */
  const listeners = new Map();
  return {
    on(type, fn) {
      if (typeof fn !== 'function') return;
      const list = listeners.get(type) || [];
      list.push(fn);
      listeners.set(type, list);
    },
    off(type, fn) {
      const list = listeners.get(type);
      if (!list) return;
      if (fn === undefined) listeners.delete(type);
      else listeners.set(type, list.filter((f) => f !== fn));
    },
    emit(type, detail) {
      // Copy: a listener may call off() while we iterate.
      for (const fn of (listeners.get(type) || []).slice()) {
        try {
          fn(detail);
        } catch (err) {
          console.warn(LOG_PREFIX, `a '${type}' listener threw:`, err);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
