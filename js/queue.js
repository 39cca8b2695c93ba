// The `pepite(...)` command function: replays calls buffered in `pepite.q` in order, then replaces the stub.

import { COMMANDS, LOG_PREFIX, VERSION } from './constants.js';

/**
 * @typedef {object} WidgetLike
 * @property {Promise<void>} ready
 * @property {(...a: any[]) => any} show
 * @property {(...a: any[]) => any} hide
 * @property {(...a: any[]) => any} destroy
 * @property {(...a: any[]) => any} on
 * @property {(...a: any[]) => any} off
 * @property {(...a: any[]) => any} setProperties
 * @property {(...a: any[]) => any} setLocale
 */

/**
 * Makes the command function. `defaults` (from the script tag's data-* attributes) are the base
 * of every `init`; listeners added with `pepite('on', …)` belong to the page, not to one widget:
 * each `init` attaches them all (a second `init` used to lose those added before the first).
 * @param {(options: Record<string, any>) => WidgetLike} make creates a widget
 * @param {Record<string, any>} defaults
 */
export function createCommand(make, defaults) {
  /** @type {WidgetLike | null} */
  let widget = null;
  /** @type {Array<[string, Function]>} */
  const listeners = [];

  /**
   * @param {string} command
   * @param {...any} args
   * @returns {any}
   */
  function pepite(command, ...args) {
    try {
      if (command === 'init') {
        if (widget) {
          console.warn(LOG_PREFIX, 'init called again: the previous widget is destroyed');
          widget.destroy();
        }
        const given = args[0] && typeof args[0] === 'object' ? args[0] : {};
        const opts = Object.assign({}, defaults, given);
        // data-properties + init({ properties: { orderId } }): both count (the demo shop does this).
        for (const key of ['properties', 'theme']) {
          if (defaults[key] && typeof defaults[key] === 'object' && given[key] && typeof given[key] === 'object') {
            opts[key] = Object.assign({}, defaults[key], given[key]);
          }
        }
        const w = make(opts);
        widget = w;
        for (const [type, fn] of listeners) w.on(type, fn);
        return w.ready.then(() => w);
      }
      if (!COMMANDS.includes(command)) {
        console.warn(LOG_PREFIX, `unknown command '${String(command)}' (known: ${COMMANDS.join(', ')})`);
        return undefined;
      }
      if (command === 'on' && typeof args[1] === 'function') {
        listeners.push([args[0], args[1]]);
      } else if (command === 'off') {
        for (let i = listeners.length - 1; i >= 0; i--) if (listeners[i][0] === args[0] && (!args[1] || listeners[i][1] === args[1])) listeners.splice(i, 1);
      }
      if (!widget) {
        if (command !== 'on' && command !== 'off') console.warn(LOG_PREFIX, `'${command}' called before 'init': ignored`);
        return undefined;
      }
      const result = /** @type {any} */ (widget)[command](...args);
      if (command === 'destroy') widget = null;
      return result === widget ? undefined : result;
    } catch (err) {
      console.warn(LOG_PREFIX, `command '${String(command)}' failed:`, err);
      return undefined;
    }
  }
  pepite.version = VERSION;
  /** The current widget, for tests and debugging. */
  pepite.widget = () => widget;
  return pepite;
}

/**
 * Installs the real `pepite` global: replays the stub's queue in order. With a survey in the
 * defaults and no `init` in the queue, the script tag alone starts the widget.
 * @param {any} global usually `window`
 * @param {(options: Record<string, any>) => WidgetLike} make
 * @param {Record<string, any>} defaults
 */
export function installQueue(global, make, defaults) {
  const stub = global.pepite;
  const queued = stub && Array.isArray(stub.q) ? Array.from(stub.q) : [];
  const pepite = createCommand(make, defaults);
  global.pepite = pepite;
  const has_init = queued.some((args) => args && args[0] === 'init');
  if (!has_init && defaults.survey) pepite('init', {});
  for (const args of queued) pepite(.../** @type {[string, ...any[]]} */ (Array.from(args)));
  // Calls made to the stub while we replayed (from listeners) are not lost.
  if (stub && Array.isArray(stub.q) && stub.q.length > queued.length) {
    for (const args of stub.q.slice(queued.length)) pepite(.../** @type {[string, ...any[]]} */ (Array.from(args)));
  }
  return pepite;
}
