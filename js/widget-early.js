// The card drawn before the core arrives (issue 19; docs/contracts.md, "First view ahead of
// time"). A definition may carry `firstView`: views the same C++ core computed natively. The shell
// draws the one of the shopper's language at once while pepite-core.wasm loads beside it, keeps
// what the shopper does on it as the core's own actions, and when the core is ready compares the
// core's start view with the one drawn (the core's wins), then replays the kept actions into it.
// No survey rule here: this file only picks, draws, keeps and compares views.

import { LOG_PREFIX } from './constants.js';
import { toJson } from './json.js';

/** @param {string} tag */
const key = (tag) => String(tag).toLowerCase().replace(/_/g, '-');

/**
 * The view to draw before the core is ready: `views[k]` for the first tag `k` of the list that is
 * a key of `views` (ignoring case, `_` as `-`); else the only view when there is one; and only if
 * its `definitionHash` is the definition's (`firstView.definitionHash`).
 * @param {any} definition the parsed definition
 * @param {string | string[]} locales what the session is given (js/i18n-locale.js chooseLocale)
 * @returns {any} the view, or null: the card waits for the core
 */
export function pickFirstView(definition, locales) {
  const fv = definition && definition.firstView;
  const views = fv && fv.views;
  if (!views || typeof views !== 'object') return null;
  const keys = Object.keys(views);
  let view = null;
  for (const tag of /** @type {string[]} */ ([]).concat(locales)) {
    const k = keys.find((k) => key(k) === key(tag));
    if (k) {
      view = views[k];
      break;
    }
  }
  if (!view && keys.length === 1) view = views[keys[0]];
  return view && typeof view === 'object' && view.state === 'active' && view.definitionHash === fv.definitionHash ? view : null;
}

/**
 * Whether the core's view is the one drawn, `responseId` and `definitionHash` aside (the first is
 * the session's own, the second only the native core writes). Both come from the same writer, so
 * their members are in the same order.
 * @param {any} drawn @param {any} core
 */
export function sameView(drawn, core) {
  /** @param {any} v */
  const text = (v) => {
    const c = Object.assign({}, v);
    delete c.responseId;
    delete c.definitionHash;
    return toJson(c);
  };
  return text(drawn) === text(core);
}

/**
 * The widget's parts the early card uses (js/widget.js).
 * @typedef {import('./widget-load.js').Loading & { early: Early | null }} EarlyParts
 * @typedef {{ view: any, at: number, kept: any[], closed: boolean }} Early
 *   at: when the shopper saw it (drawn; an inline card below the fold: scrolled to);
 *   kept: the shopper's actions on the early card, in order, for the core
 */

/**
 * Draws a first view now (js/widget-load.js picked it with `pickFirstView`), when the card would
 * show at once anyway: automatic show without delay, not hidden, the survey may be asked, the
 * page not left, the document parsed.
 * @param {EarlyParts} w
 * @param {any} view
 * @returns {boolean} whether the card is on the page
 */
export function drawEarly(w, view) {
  const o = w.options;
  if (!o.autoShow || o.delayMs || w.life.hold() !== 'auto' || !w.life.is('loading') || document.readyState === 'loading') return false;
  if (!w.asked.decide(String(view.surveyId)).eligible || w.left()) return false;
  w.early = { view, at: Date.now(), kept: [], closed: false };
  w.life.go('early');
  if (!w.stage.mount(view)) {
    w.early = null;
    return false;
  }
  // Next and Send wait for the core (a payload comes from the core only).
  const card = w.stage.card();
  if (card) card.setBusy(true);
  return true;
}

/**
 * Keeps an action of the early card for the core (with the time it was made).
 * @param {EarlyParts} w @param {any} action
 * @returns {boolean} whether it was kept (false: the core is there, act on it)
 */
export function keep(w, action) {
  if (!w.life.is('early') || !w.early) return false;
  w.early.kept.push(Object.assign({}, action, { at: action.at || Date.now() }));
  return true;
}

/**
 * The shopper sees the early card (an inline one may be drawn below the fold): the session the
 * core starts counts from now (`startedAt`).
 * @param {EarlyParts} w
 * @returns {boolean} whether the card was an early one
 */
export function seenEarly(w) {
  if (!w.life.is('early') || !w.early) return false;
  w.early.at = Date.now();
  return true;
}

/**
 * The shopper closed the early card: it goes now; the core hears it (a dismissal) once ready.
 * @param {EarlyParts} w
 * @returns {boolean} whether the card was an early one
 */
export function closeEarly(w) {
  if (!w.life.is('early') || !w.early) return false;
  w.early.closed = true;
  w.stage.unmount();
  return true;
}

/**
 * The core is ready and its session started: its view replaces the one drawn if they differ
 * (focus and typed text stay: the card updates in place), then the kept actions go to the core
 * in order, through `act` (which draws and sends what the core answers).
 * @param {EarlyParts} w
 * @param {(action: any) => void} act
 * @param {() => void} close the shopper's close, once the core has their answers
 */
export function finishEarly(w, act, close) {
  const early = /** @type {Early} */ (w.early);
  w.early = null;
  const view = w.run.view();
  const card = w.stage.card();
  if (card) {
    if (!sameView(early.view, view)) {
      console.warn(LOG_PREFIX, "first_view.replaced: the core's view differs from the firstView drawn (definition edited since?): compute it again");
      card.render(view);
    }
    card.setBusy(false);
  }
  for (const action of early.kept) act(action);
  if (early.closed) close();
}
