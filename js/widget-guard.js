// One widget's timers and callbacks (split from js/widget.js, issue 15): every timer it starts is
// cleared on destroy, and an exception in a callback becomes an `error` event, never the host's.

import { describe, errorDetail } from './errors.js';

/** @param {(detail: any) => void} fail the widget's error path */
export function createGuard(fail) {
  /** @type {Set<any>} */
  const timers = new Set();
  /**
   * Wraps a callback so an exception becomes an `error` event instead of reaching the host.
   * @template {any[]} A
   * @param {(...args: A) => any} fn
   * @returns {(...args: A) => any}
   */
  function guard(fn) {
    return (...args) => {
      try {
        return fn(...args);
      } catch (err) {
        fail(errorDetail('widget.internal', describe(err)));
        return undefined;
      }
    };
  }
  return {
    guard,
    /** @param {() => void} fn @param {number} ms */
    later(fn, ms) {
      const id = /** @type {any} */ (setTimeout(() => {
        timers.delete(id);
        guard(fn)();
      }, ms));
      timers.add(id);
      return id;
    },
    /** @param {any} id */
    clearTimer(id) {
      if (!id) return;
      clearTimeout(id);
      timers.delete(id);
    },
    /** Clears every timer still pending. */
    stop() {
      for (const id of timers) clearTimeout(id);
      timers.clear();
    },
  };
}
