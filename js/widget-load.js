// Loading a widget and opening its card (split from js/widget.js, issue 15): the core and the
// definition in parallel, the session, `ready`, the automatic show, show() before the core.

import { LOG_PREFIX } from './constants.js';
import { loadDefinition, parseJson } from './config.js';
import { loadCore } from './core.js';
import { describe, errorDetail, warnAll } from './errors.js';
import { chooseLocale } from './i18n-locale.js';
import { newResponseId, newSenderKey } from './ids.js';
import { prepareStyles } from './styles.js';
import { drawEarly, finishEarly, pickFirstView } from './widget-early.js';
import { act, closeByShopper, followUiPack } from './widget-relay.js';

/** A session not shown within this time is started again when its card opens (startedAt). */
const STALE_SESSION_MS = 1000;

/**
 * The widget's parts loading uses (built in js/widget.js), with those of the relay.
 * @typedef {import('./widget-relay.js').Relayed & {
 *   core: ReturnType<typeof createCoreLoader>, shows: { schedule(ms: number): void, cancel(): void },
 *   asked: ReturnType<typeof import('./eligibility.js').createEligibility>,
 *   fail: (detail: any, fatal?: boolean) => void, disposers: Array<() => void>,
 *   Module: any, definition: string, earlyId: string, left: () => boolean,
 *   early: import('./widget-early.js').Early | null }} Loading
 */

/**
 * Resolves in a later task, so the browser can paint and handle input in between. Where the
 * browser has `scheduler.yield()` the continuation runs ahead of other queued tasks (a
 * `setTimeout(0)` waited ~25 ms behind the page's own work in the widget benchmark).
 */
function next_task() {
  const s = /** @type {any} */ (globalThis).scheduler;
  if (s && typeof s.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The core's download and compilation, started at most once.
 * @param {string} wasmUrl @param {ArrayBuffer | Uint8Array | undefined} wasmBinary for tests under Node
 */
export function createCoreLoader(wasmUrl, wasmBinary) {
  /** @type {Promise<any> | null} */
  let loading = null;
  /** @type {(v?: unknown) => void} */
  let release = () => {};
  // The core's compilation and the glue's set-up wait for `release()`: the card drawn early goes
  // first (issue 19); the download does not wait.
  const after = new Promise((resolve) => (release = resolve));
  return {
    url: wasmUrl,
    /** @returns {Promise<any>} the core module (once `release()` is called) */
    ensure() {
      if (!loading) {
        loading = loadCore({ wasmUrl, wasmBinary, after });
        loading.catch(() => {});
      }
      return loading;
    },
    started: () => !!loading,
    /** The core may compile and its glue set up now (its download started with `ensure`). */
    release: () => release(),
    /** @param {unknown} err */
    failure: (err) => errorDetail('core.load_failed', `the survey core (${wasmUrl}) could not be loaded: ${describe(err)}`),
  };
}

/** @param {Loading} w @param {number} startedAt @returns {any} session options for the core */
function session_options(w, startedAt) {
  const options = w.options;
  return {
    uiStrings: w.ui.strings,
    locale: chooseLocale(options.locale),
    responseId: newResponseId(),
    startedAt,
    // The core drops the query string and fragment (they often hold e-mails or tokens).
    pageUrl: typeof location !== 'undefined' ? location.href : '',
    properties: options.properties,
    // Issue 17: the shop's order token, and the secret binding this response to this browser.
    token: options.token,
    senderKey: newSenderKey(),
  };
}

/**
 * @param {Loading} w @param {number} [startedAt] when the shopper first saw the card (default now)
 * @returns {any} the start report of a new session, or null (the error is reported)
 */
function start_session(w, startedAt) {
  return w.run.start(w.Module, w.definition, session_options(w, startedAt || Date.now()));
}

/** "Not asked twice" for the current survey and order. @param {Loading} w */
export function eligibleNow(w) {
  return w.asked.decide(w.surveyId);
}

/** @param {Loading} w */
function tell_ready(w) {
  w.eligibility = eligibleNow(w);
  w.emitter.emit('ready', { surveyId: w.surveyId, eligible: w.eligibility.eligible, reason: w.eligibility.reason });
}

/**
 * Loads the definition and the core (started at creation when the survey may be asked) and
 * starts a session; says `ready`; schedules the automatic show.
 * @param {Loading} w
 * @returns {Promise<void>}
 */
export async function load(w) {
  if (w.life.is('failed')) return;
  if (!w.core.started()) {
    // Not eligible now (see js/widget.js): `ready` says why; the core loads if show() is called.
    const def = await loadDefinition(w.options.survey);
    if (w.life.is('destroyed')) return;
    if (def.error) return w.fail(def.error, true);
    w.definition = /** @type {string} */ (def.text);
    w.surveyId = w.earlyId;
    w.life.go('ready');
    return tell_ready(w);
  }
  const core = w.core.ensure().then(
    (/** @type {any} */ m) => m,
    (/** @type {unknown} */ err) => {
      const failure = w.core.failure(err);
      // The card drawn before the core cannot go on without it: it goes, and says so.
      if (w.early) {
        w.stage.unmount();
        failure.message += '; the card drawn before it is taken away (nothing was sent)';
      }
      w.fail(failure, true);
      return null;
    },
  );
  // The shopper's languages: the session's list, and the collector's first-view route's `locales`.
  const locales = chooseLocale(w.options.locale);
  const def_load = loadDefinition(w.options.survey, locales, w.options.token);
  // The rest goes in a task of its own, not in pepite.js's first one: that one already holds the
  // script's evaluation and the widget's set-up (the first localStorage read: 3-18 ms at 4× CPU).
  // Together with the CSS parsed below and the definition's JSON it was one 35-70 ms task at 4×
  // (issue 19: no main-thread task over 50 ms).
  await next_task();
  // (A widget gone meanwhile leaves its core's gate shut: js/core.js compiles for whoever opens it.)
  if (w.life.over()) return;
  // The card's CSS is parsed while the core downloads, after its request has left.
  prepareStyles();
  const def = await def_load;
  // A first view computed ahead of time is drawn now, while the core still loads (issue 19), in
  // a task of its own (not in pepite.js's first one: no main-thread task over 50 ms).
  const first = def.text && def.text.includes('"firstView"') ? pickFirstView(parseJson(def.text).value, locales) : null;
  if (first) {
    await next_task();
    // An async script can run while the parser still waits (a later script tag, a slow phone):
    // the card is drawn once the document is parsed, not when the core arrives; in a task of its
    // own, not in the parser's last one (with the page's first layout: 100+ ms at 4× CPU).
    if (document.readyState === 'loading') {
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
      await next_task();
    }
    // The core's glue sets up after the card's task and those the browser queued meanwhile (its
    // first frame): a timer, not next_task (issue 19: 15-25 ms at 4× CPU off the card's path).
    if (drawEarly(w, first)) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  w.core.release();
  const mod = await core;
  // Instantiating the core and starting the session go in separate tasks: no main-thread
  // task over 50 ms (issue 4 budget).
  await next_task();
  if (w.life.over()) return;
  if (def.error) return w.fail(def.error, true);
  w.Module = mod;
  w.definition = /** @type {string} */ (def.text);
  // The core checks the definition as the session starts: one parse serves `ready` and the card.
  // A session whose card was drawn early counts its time from that drawing. The core reads the
  // definition in one task, starts the session in the next (no main-thread task over 50 ms).
  w.run.create(mod, w.definition, session_options(w, (w.early && w.early.at) || Date.now()));
  await next_task();
  if (w.life.over()) return w.run.drop();
  const report = w.run.begin();
  if (!report) {
    if (w.early) w.stage.unmount();
    return;
  }
  // A language the shopper's core leaves out: its strings come before the card (issue 20), and
  // before the comparison with a view drawn early.
  await followUiPack(w);
  // The card is drawn in a task of its own: no main-thread task over 50 ms (issue 4 budget).
  await next_task();
  if (w.life.is('destroyed')) return;
  warnAll(LOG_PREFIX, report.warnings);
  const view = w.run.view();
  w.surveyId = String((view && view.surveyId) || '');
  w.asked.rememberId(w.surveyId);
  const early = w.early;
  w.life.go('ready');
  tell_ready(w);
  if (early) {
    // Its card was seen (even if closed since): `shown`. One hidden by hide() is `shown` when
    // show() draws it; an inline one not scrolled to yet, when the shopper sees it (`seen`).
    if (w.stage.seen() || early.closed) {
      w.run.markShown();
      w.emitter.emit('shown', { surveyId: w.surveyId, responseId: w.run.responseId() });
    }
    finishEarly(w, (action) => act(w, action), () => closeByShopper(w));
  } else if (w.eligibility.eligible && w.options.autoShow && w.life.hold() === 'auto') w.shows.schedule(w.options.delayMs);
}

/**
 * Loads the core and starts a session when `ready` skipped it (not eligible then).
 * @param {Loading} w
 * @returns {Promise<boolean>} whether a session is ready to draw
 */
export async function startCore(w) {
  if (w.Module) return w.run.active() || !!start_session(w);
  let mod = null;
  w.core.release();
  try {
    mod = await w.core.ensure();
  } catch (err) {
    w.fail(w.core.failure(err));
    return false;
  }
  if (w.life.over()) return false;
  w.Module = mod;
  if (!start_session(w)) return false;
  followUiPack(w);
  return true;
}

/**
 * Starts a session (or reuses the open one) and draws the card.
 * @param {Loading} w
 */
export function open(w) {
  if (w.life.over() || !w.Module || w.stage.shown()) return;
  if (document.readyState === 'loading') {
    // An async script can run before <body> exists.
    const later_open = () => open(w);
    document.addEventListener('DOMContentLoaded', later_open, { once: true });
    w.disposers.push(() => document.removeEventListener('DOMContentLoaded', later_open));
    return;
  }
  // A session started long before the card shows (delayMs, a later show()) starts again when
  // the shopper sees it (`seen`), so its startedAt and duration count from then.
  if (!w.run.active() && !start_session(w)) return;
  w.stage.mount(w.run.view());
}

/**
 * The shopper sees the card (js/card-stage.js): at once when it floats; an inline card drawn
 * below the fold, once scrolled to. A session started long before (the card drawn after
 * `delayMs`, by a later show(), or below the fold), with nothing done in it yet, starts again, so
 * its startedAt and duration count from now (the card is drawn again with the new session's
 * view: the same questions); then `shown`.
 * @param {Loading} w
 */
export function seen(w) {
  if (w.run.stale(STALE_SESSION_MS)) {
    w.run.drop();
    if (!start_session(w)) return w.stage.unmount();
    const card = w.stage.card();
    if (card) card.render(w.run.view());
  }
  w.run.markShown();
  w.emitter.emit('shown', { surveyId: w.surveyId, responseId: w.run.responseId() });
}
