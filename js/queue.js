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
 * of every `init`; listeners added before `init` are attached to the widget it creates.
 * @param {(options: Record<string, any>) => WidgetLike} make creates a widget
 * @param {Record<string, any>} defaults
 */
export function createCommand(make, defaults) {
  /** @type {WidgetLike | null} */
  let widget = null;
  /** @type {Array<[string, Function]>} */
  const early = [];

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
        for (const [type, fn] of early.splice(0)) w.on(type, fn);
        return w.ready.then(() => w);
      }
      if (!COMMANDS.includes(command)) {
        console.warn(LOG_PREFIX, `unknown command '${String(command)}' (known: ${COMMANDS.join(', ')})`);
        return undefined;
      }
      if (!widget) {
        if (command === 'on' && typeof args[1] === 'function') early.push([args[0], args[1]]);
        else if (command === 'off') {
          for (let i = early.length - 1; i >= 0; i--) if (early[i][0] === args[0] && (!args[1] || early[i][1] === args[1])) early.splice(i, 1);
        } else console.warn(LOG_PREFIX, `'${command}' called before 'init': ignored`);
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
