// The methods a shop calls on a widget (split from js/widget.js, issue 15). Each is safe at any
// time: before the core has loaded, after destroy(), with bad arguments.

import { errorDetail } from './errors.js';
import { chooseLocale } from './i18n-locale.js';
import { act, followUiPack } from './widget-relay.js';
import { eligibleNow, open, startCore } from './widget-load.js';

/**
 * Every part of one widget (built in js/widget.js).
 * @typedef {import('./widget-load.js').Loading & { guard: ReturnType<typeof import('./widget-guard.js').createGuard>,
 *   shows: ReturnType<typeof import('./show-timer.js').createShowTimer> }} Parts
 */

/**
 * @param {Parts} w
 * @param {Promise<void>} ready
 */
export function widgetApi(w, ready) {
  const { guard } = w.guard;
  const { stage, emitter, life, options } = w;
  const widget = {
    /** Resolves when the survey and core are loaded (or failed: see the `error` event). */
    ready: ready.then(() => undefined),
    /**
     * Shows the card now (cancels a pending delayed show). Respects "not asked twice" unless
     * `{ force: true }`. Resolves to whether the card is on screen.
     * @param {{ force?: boolean }} [opts]
     */
    show(opts) {
      life.show();
      return ready.then(async () => {
        if (life.over()) return false;
        w.shows.cancel();
        const resumable = life.hold() === 'resumable';
        // Asked again now: another tab of the same order may have answered since `ready`.
        if (!stage.shown() && w.surveyId && !resumable) w.eligibility = eligibleNow(w);
        // A card hidden by hide() in the middle of the survey comes back with its answers.
        if (!stage.shown() && !w.eligibility.eligible && !resumable && !(opts && opts.force)) return false;
        life.resumed();
        if (!stage.shown() && !w.Module && !(await startCore(w))) return false;
        return guard(() => {
          open(w);
          return !!stage.shown();
        })();
      }).catch((err) => {
        w.fail(errorDetail('widget.internal', String(err)));
        return false;
      });
    },
    /** Hides the card without dismissing it (and cancels a pending delayed show). */
    hide: guard(() => {
      w.shows.cancel();
      if (!stage.shown()) return life.hide(null);
      // A card drawn before the core is in the middle of its survey too (its kept answers stay).
      const view = w.run.view() || (w.early && w.early.view);
      const early = life.is('early');
      life.hide(!!(view && view.state === 'active'));
      stage.unmount();
      // A card drawn before the core was not `shown` yet: no `close` either.
      if (!early) emitter.emit('close', { surveyId: w.surveyId, reason: 'hide' });
    }),
    /** Removes every node, listener and timer; the widget is unusable afterwards. */
    destroy: guard(() => {
      if (!life.go('destroy')) return;
      w.shows.cancel();
      if (stage.shown()) stage.unmount();
      w.run.drop();
      w.guard.stop();
      for (const d of w.disposers.splice(0)) guard(d)();
      guard(w.delivery.destroy)();
      emitter.clear();
    }),
    /**
     * @param {string} type
     * @param {Function} fn
     */
    on(type, fn) {
      if (!life.is('destroyed')) emitter.on(type, fn);
      return widget;
    },
    /**
     * @param {string} type
     * @param {Function} [fn]
     */
    off(type, fn) {
      emitter.off(type, fn);
      return widget;
    },
    /** @param {Record<string, string | number | boolean>} props merged into the properties */
    setProperties: guard((props) => {
      if (!props || typeof props !== 'object') {
        w.fail(errorDetail('options.invalid', 'setProperties needs an object'));
        return;
      }
      const before = options.properties;
      const order = before.orderId;
      options.properties = Object.assign({}, before, props);
      // Another order: decide again whether it may be asked (issue 4: per survey + order).
      if (w.surveyId && options.properties.orderId !== order && !stage.shown()) w.eligibility = eligibleNow(w);
      // The core's own action; a refusal (over 32 KB) keeps the card, the answers and the old ones.
      const r = act(w, { type: 'properties', value: options.properties });
      if (r && !r.ok) options.properties = before;
    }),
    /** @param {string} locale 'auto' or a language tag */
    setLocale: guard((locale) => {
      const before = options.locale;
      options.locale = typeof locale === 'string' && locale ? locale : 'auto';
      const r = act(w, { type: 'locale', value: chooseLocale(options.locale) });
      if (r && !r.ok) options.locale = before;
      else followUiPack(w);
    }),
  };
  return widget;
}
