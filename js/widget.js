// The Widget: loads survey and core, decides eligibility, shows the card, relays events; never throws out.

import { FETCH_TIMEOUT_MS, HOST_TAG, LOG_PREFIX, OUTBOX_NAMESPACE, READY_MARK, SAMPLE_NAMESPACE, SEEN_NAMESPACE, TEXT_DEBOUNCE_MS, TEXT_WAIT_MS, TEXT_WASM_FILE, UI_FILE_PREFIX, WASM_FILE } from './constants.js';
import { loadDefinition, normalizeOptions, surveyIdNow } from './config.js';
import { createSession, loadCore } from './core.js';
import { createDelivery } from './delivery.js';
import { decide, remember } from './eligibility.js';
import { createEmitter } from './events.js';
import { chooseLocale } from './i18n-locale.js';
import { newResponseId, newSenderKey } from './ids.js';
import { toJson } from './json.js';
import { onNavigate, pageOf } from './navigation.js';
import { deepActive, followViewport, placementTarget } from './placement.js';
import { createCard } from './render/card.js';
import { createStorage } from './storage.js';
import { applyStyles, prepareStyles } from './styles.js';
import { analysisAction, createTextLoader } from './text.js';
import { getTwice } from './try-twice.js';

/** Default wasm URL when neither options nor the loader gave one. */
let default_wasm_url = WASM_FILE;
/** Set once per page: the first drawn question of any widget. */
let marked = false;

/**
 * Sets where the core is fetched from when `wasmUrl` is not given (script tag: next to its src;
 * module: next to the bundle).
 * @param {string} url
 */
export function setDefaultWasmUrl(url) {
  if (typeof url === 'string' && url) default_wasm_url = url;
}

/** Default URL of pepite-text.wasm when neither wasmUrl nor textWasmUrl is given ('' = beside the core). */
let default_text_url = '';
/** @param {string} url */
export function setDefaultTextWasmUrl(url) {
  if (typeof url === 'string' && url) default_text_url = url;
}

/** A session not shown within this time is started again when its card opens (startedAt). */
const STALE_SESSION_MS = 1000;

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
 * The core's warnings about a definition or options (a dropped property…): console only, the
 * widget goes on.
 * @param {Array<{ code: string, message: string, path?: string }> | undefined} warnings
 */
function warn_all(warnings) {
  for (const w of warnings || []) console.warn(LOG_PREFIX, `${w.code}: ${w.message}${w.path ? ` (at ${w.path})` : ''}`);
}

/** @param {unknown} err @returns {string} */
function reason(err) {
  return String(err && /** @type {any} */ (err).message ? /** @type {any} */ (err).message : err);
}

/**
 * @param {string} code
 * @param {string} message
 * @param {object} [extra]
 */
function error_detail(code, message, extra) {
  return Object.assign({ code, message }, extra || {});
}

/**
 * Creates a widget now; it loads in the background. Methods are safe to call at any time.
 * @param {Record<string, any>} rawOptions see js/pepite.d.ts `InitOptions`
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, textBinary?: ArrayBuffer | Uint8Array }} [internal] for tests under Node
 */
export function createWidget(rawOptions, internal) {
  const emitter = createEmitter();
  /** @type {Set<number>} */
  const timers = new Set();
  /** @type {Array<() => void>} */
  const disposers = [];
  let destroyed = false;
  let failed = false;
  /** @type {any} */
  let Module = null;
  let definition = '';
  let surveyId = '';
  /** @type {{ eligible: boolean, reason: string }} */
  let eligibility = { eligible: false, reason: 'loading' };
  /** @type {import('./core.js').CoreSession | null} */
  let session = null;
  /** @type {any} session options of the current session */
  let session_options = null;
  /** when the current session started, and whether its card was shown */
  let session_started = 0;
  let session_shown = false;
  /** the last `score` event's detail, as JSON: an edited comment and its analysis may come back to it */
  let last_score = '';
  /** @type {any} */
  let view = null;
  /** @type {ReturnType<typeof createCard> | null} */
  let card = null;
  /** @type {HTMLElement | null} */
  let host = null;
  /** @type {Element | null} */
  let return_focus = null;
  let pending_show = 0;
  /** @type {(() => void) | null} */
  let stop_viewport = null;
  /** hide() before the card showed: the automatic show is off until show() */
  let hidden_by_host = false;
  /** hide() in the middle of the survey: show() brings the card back, answers kept */
  let resumable = false;
  // The page the card is for. A single-page app that moves on (pushState to another path, before
  // the core has even loaded) cancels the automatic show; an anchor or a router re-writing the
  // same address does not.
  const start_page = typeof location !== 'undefined' ? pageOf(location.href) : '';
  let moved_on = false;
  if (typeof location !== 'undefined') {
    disposers.push(
      onNavigate((url) => {
        if (pageOf(url) === start_page) return;
        moved_on = true;
        cancel_pending();
      }),
    );
  }

  let constructing = true;
  const { options, problems } = normalizeOptions(rawOptions);
  if (options.on) for (const [type, fn] of Object.entries(options.on)) emitter.on(type, fn);

  /**
   * Every failure goes through here: a console warning and an `error` event (issue 4).
   * @param {any} detail
   * @param {boolean} [fatal] the widget cannot go on
   */
  function fail(detail, fatal) {
    if (fatal) failed = true;
    console.warn(LOG_PREFIX, `${detail.code}: ${detail.message}`);
    // During construction nobody could subscribe yet (the queue replays `on` after `init`).
    if (constructing) Promise.resolve().then(() => emitter.emit('error', detail));
    else emitter.emit('error', detail);
  }

  /** @param {() => void} fn @param {number} ms */
  function later(fn, ms) {
    const id = /** @type {any} */ (setTimeout(() => {
      timers.delete(id);
      guard(fn)();
    }, ms));
    timers.add(id);
    return id;
  }
  /** @param {number} id */
  function clear_timer(id) {
    if (!id) return;
    clearTimeout(id);
    timers.delete(id);
  }
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
        fail(error_detail('widget.internal', reason(err)));
        return undefined;
      }
    };
  }

  for (const p of problems) fail(error_detail('options.invalid', p), p === 'survey is required');

  // Said once per widget, not once per storage area (three identical warnings before).
  let storage_said = false;
  const on_storage_error = (/** @type {unknown} */ err) => {
    if (storage_said) return;
    storage_said = true;
    fail(error_detail('storage.unavailable', `localStorage is not usable (${String(err)}); remembering in memory for this page only`));
  };
  const seen = createStorage(SEEN_NAMESPACE, on_storage_error);
  const sample = createStorage(SAMPLE_NAMESPACE, on_storage_error);

  // The core's download and compilation start first: they are the longest part of the wait.
  // Unless "not asked twice" already says no for a survey whose id is known now: a shopper who
  // answered this order does not download the core at all (show({ force: true }) still can).
  const wasmUrl = options.wasmUrl || default_wasm_url;
  /** @type {Promise<any> | null} */
  let core_load = null;
  /** @param {unknown} err */
  const core_failure = (err) => error_detail('core.load_failed', `the survey core (${wasmUrl}) could not be loaded: ${reason(err)}`);
  function ensure_core() {
    if (!core_load) {
      core_load = loadCore({ wasmUrl, wasmBinary: internal && internal.wasmBinary });
      core_load.catch(() => {});
    }
    return core_load;
  }
  // The comment analysis (pepite-text.wasm) is not needed to draw the card: it loads when the
  // shopper first answers or moves focus into the card (most never do, and download nothing
  // more), and an action that may send typed text waits for it (issue 4 size budget).
  const texts = createTextLoader({
    url: () => options.textWasmUrl || (options.wasmUrl ? '' : default_text_url) || beside_core(TEXT_WASM_FILE),
    binary: internal && internal.textBinary,
    // Texts typed before it arrived: their analysis goes to the core now.
    loaded: () => session && view && view.analysis && act({ type: 'analysis' }),
    failed: (err, url) => fail(error_detail('text.load_failed', `the comment analysis (${url}) could not be loaded: ${reason(err)}; typed texts are sent as typed (the collector redacts them on arrival)`)),
  });
  disposers.push(texts.destroy);
  let text_waiting = false;
  /** A file next to the core (pepite-text.wasm, pepite-ui-de.txt). @param {string} file */
  function beside_core(file) {
    try {
      return new URL(file, new URL(wasmUrl, document.baseURI)).href;
    } catch (_) {
      return file;
    }
  }
  function ensure_text() {
    if (Module) texts.ensure();
  }
  /**
   * Acts now, or, when the core says typed text awaits the comment analysis that is still
   * loading, once it has settled (a `next` or `submit` may put that text into a payload).
   * Further clicks meanwhile are ignored.
   * The card hands typed text to the core before a `next` or `submit`, which starts the load
   * if nothing else has.
   * @param {any} action
   */
  function act_with_text(action) {
    const loading = texts.pending();
    if (!loading || !(view && view.analysis)) {
      act(action);
      return;
    }
    if (text_waiting) return;
    text_waiting = true;
    if (card) card.setBusy(true);
    let done = false;
    const go = guard(() => {
      if (done) return;
      done = true;
      clear_timer(wait_timer);
      text_waiting = false;
      if (card) card.setBusy(false);
      if (!destroyed && session) act(action);
    });
    // Not longer than TEXT_WAIT_MS: then the core sends the text as typed.
    const wait_timer = later(go, TEXT_WAIT_MS);
    loading.then(go);
  }

  const early_id = failed ? '' : surveyIdNow(options.survey, seen.get('ids') || undefined);
  if (!failed && !(early_id && !decide_for(early_id).eligible)) ensure_core();

  // The delivery engine starts once `ready` has settled (or with the first payload): its set-up
  // (storage, listeners, the outbox flush) stays off the path to the first drawn question.
  /** @type {ReturnType<typeof createDelivery> | null} */
  let delivery = null;
  let delivery_started = false;
  function ensure_delivery() {
    if (delivery_started || destroyed || !options.endpoint) return;
    delivery_started = true;
    try {
      delivery = createDelivery(/** @type {any} */ (Object.assign({}, options.delivery || {}, {
        endpoint: options.endpoint,
        headers: options.headers,
        beforeSend: options.beforeSend,
        emit: (/** @type {string} */ type, /** @type {any} */ detail) => {
          if (type === 'error') fail(detail);
          else emitter.emit(type, detail);
        },
        storage: createStorage(OUTBOX_NAMESPACE, on_storage_error),
      })));
      // Payloads left by an earlier page go out even if no card is shown now (issue 5).
      Promise.resolve(delivery.flush()).catch((err) => fail(error_detail('delivery.failed', String(err))));
    } catch (err) {
      fail(error_detail('delivery.failed', String(err)));
    }
  }

  /** UI strings fetched for languages the core leaves out (issue 20): language -> file text. */
  /** @type {Record<string, string>} */
  const ui_strings = {};
  /**
   * Fetches the strings of the language the view names in `uiPack`; true once they are in
   * `ui_strings` for the next session, false when they cannot be had (the card stays in English).
   * @param {string} language
   * @returns {Promise<boolean>}
   */
  function fetch_ui_pack(language) {
    const url = beside_core(`${UI_FILE_PREFIX}${language}.txt`);
    // Tried twice like the other files (a phone's network); the core checks the text (one
    // string per line) when it gets it.
    return getTwice(url, { credentials: 'omit', timeoutMs: FETCH_TIMEOUT_MS }, (res) => res.text())
      .then(
        (texts) => {
          ui_strings[language] = texts;
          return true;
        },
        (err) => {
          fail(error_detail('ui.load_failed', `${url}: ${reason(err)} (the card's texts stay in English)`));
          return false;
        },
      );
  }
  /**
   * When the view names a language whose strings the core lacks, fetches them and gives them to
   * the core in its own locale action: the card, if drawn, and its answers stay.
   * @returns {Promise<void>}
   */
  function follow_ui_pack() {
    const s = session;
    return s && view && view.uiPack
      ? fetch_ui_pack(view.uiPack).then((ok) => {
          if (ok && !destroyed && session === s) act({ type: 'locale', value: chooseLocale(options.locale), uiStrings: ui_strings });
        })
      : Promise.resolve();
  }

  /** @returns {any} session options for the core */
  function make_session_options() {
    return {
      uiStrings: ui_strings,
      locale: chooseLocale(options.locale),
      responseId: newResponseId(),
      startedAt: Date.now(),
      // The core drops the query string and fragment (they often hold e-mails or tokens).
      pageUrl: typeof location !== 'undefined' ? location.href : '',
      properties: options.properties,
      // Issue 17: the shop's order token, and the secret binding this response to this browser.
      token: options.token,
      senderKey: newSenderKey(),
    };
  }

  const ready = (async () => {
    if (failed) return;
    if (!core_load) {
      // Not eligible now (see above): `ready` says why; the core loads if show() is called.
      const def = await loadDefinition(options.survey);
      if (destroyed) return;
      if (def.error) {
        fail(def.error, true);
        return;
      }
      definition = /** @type {string} */ (def.text);
      surveyId = early_id;
      eligibility = eligible_now();
      emitter.emit('ready', { surveyId, eligible: eligibility.eligible, reason: eligibility.reason });
      return;
    }
    const loading = /** @type {Promise<any>} */ (core_load);
    const loaded = Promise.all([
      loading.then(
        (/** @type {any} */ m) => m,
        (/** @type {unknown} */ err) => {
          fail(core_failure(err), true);
          return null;
        },
      ),
      loadDefinition(options.survey),
    ]);
    // The card's CSS is parsed while the core downloads, after its request has left.
    Promise.resolve().then(prepareStyles);
    const [mod, def] = await loaded;
    // Instantiating the core and starting the session go in separate tasks: no main-thread
    // task over 50 ms (issue 4 budget).
    await next_task();
    if (destroyed || failed) return;
    if (def.error) {
      fail(def.error, true);
      return;
    }
    Module = mod;
    definition = /** @type {string} */ (def.text);
    // The core checks the definition as the session starts: one parse serves `ready` and the card.
    const report = start_session();
    if (!report) return;
    // A language the shopper's core leaves out: its strings come before the card (issue 20).
    await follow_ui_pack();
    // The card is drawn in a task of its own: no main-thread task over 50 ms (issue 4 budget).
    await next_task();
    if (destroyed) return;
    warn_all(report.warnings);
    surveyId = String((view && view.surveyId) || '');
    remember_id();
    eligibility = eligible_now();
    emitter.emit('ready', { surveyId, eligible: eligibility.eligible, reason: eligibility.reason });
    if (eligibility.eligible && options.autoShow && !hidden_by_host) schedule_show(options.delayMs);
  })().catch((err) => fail(error_detail('widget.internal', String(err)), true));
  ready.then(() => later(ensure_delivery, 0));

  /** "Not asked twice" for the current survey and order. */
  function eligible_now() {
    return decide_for(surveyId);
  }
  /** @param {string} id */
  function decide_for(id) {
    return decide({
      seen,
      sample,
      surveyId: id,
      orderId: options.properties.orderId,
      recontactDays: options.recontactDays,
      sampling: options.sampling,
      now: Date.now(),
      random: Math.random,
    });
  }

  /** Remembers the id of a survey given by URL, so a later page can decide before the download. */
  function remember_id() {
    const url = typeof options.survey === 'string' ? options.survey.trim() : '';
    if (!url || url[0] === '{' || url[0] === '#' || !surveyId) return;
    const ids = seen.get('ids') || {};
    if (ids[url] === surveyId) return;
    const keys = Object.keys(ids);
    if (keys.length >= 20) delete ids[keys[0]];
    ids[url] = surveyId;
    seen.set('ids', ids);
  }

  /**
   * Loads the core and starts a session when `ready` skipped it (not eligible then).
   * @returns {Promise<boolean>} whether a session is ready to draw
   */
  async function start_core() {
    if (Module) return !!session || !!start_session();
    let mod = null;
    try {
      mod = await ensure_core();
    } catch (err) {
      fail(core_failure(err));
      return false;
    }
    if (destroyed || failed) return false;
    Module = mod;
    if (!start_session()) return false;
    follow_ui_pack();
    return true;
  }

  /**
   * Shows after `ms` unless the page navigates first (single-page shops, issue 4).
   * @param {number} ms
   */
  function schedule_show(ms) {
    cancel_pending();
    if (left_page()) return;
    if (!ms) {
      open();
      return;
    }
    pending_show = later(() => {
      pending_show = 0;
      // pushState without the Navigation API is only seen here, by the address.
      if (left_page()) return;
      // Another tab of the same order may have been answered during the delay.
      eligibility = eligible_now();
      if (eligibility.eligible) open();
    }, ms);
  }
  function cancel_pending() {
    if (pending_show) {
      clear_timer(pending_show);
      pending_show = 0;
    }
  }
  /** True once a single-page app has moved to another page than the one the card is for. */
  function left_page() {
    return moved_on || (typeof location !== 'undefined' && pageOf(location.href) !== start_page);
  }

  /**
   * Starts a core session (this is where the core checks the definition). On failure reports
   * it (fatal when the definition itself is rejected) and answers null.
   * @returns {any} the start report `{ok, view, warnings}` or null
   */
  function start_session() {
    session_options = make_session_options();
    session = createSession(Module, definition, session_options);
    const report = session.start();
    if (!report || !report.ok) {
      const errors = (report && report.errors) || [];
      const first = errors[0] || { code: 'definition.invalid', message: 'the survey definition is invalid' };
      const rejected = String(first.code || '').startsWith('definition.');
      fail(
        error_detail(
          first.code || 'session.failed',
          rejected ? `survey definition rejected: ${first.message || ''}${first.path ? ` (at ${first.path})` : ''}` : String(first.message || 'the session could not start'),
          { path: first.path, errors },
        ),
        rejected,
      );
      drop_session();
      return null;
    }
    view = report.view;
    session_started = Date.now();
    session_shown = false;
    return report;
  }

  /** Starts a session (or reuses the open one) and draws the card. */
  function open() {
    if (destroyed || failed || !Module || host) return;
    if (document.readyState === 'loading') {
      // An async script can run before <body> exists.
      const later_open = () => open();
      document.addEventListener('DOMContentLoaded', later_open, { once: true });
      disposers.push(() => document.removeEventListener('DOMContentLoaded', later_open));
      return;
    }
    // A session started long before the card shows (delayMs, a later show()) starts again, so
    // its startedAt and duration count from the moment the shopper sees the card.
    if (session && !session_shown && Date.now() - session_started > STALE_SESSION_MS) drop_session();
    if (!session && !start_session()) return;
    session_shown = true;
    const modal = options.position === 'center';
    const target = resolve_target();
    if (!target) return;
    host = document.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'open' });
    applyStyles(root, options.theme);
    card = createCard(
      root,
      { position: options.position, scheme: options.theme.scheme || 'auto', modal },
      {
        act: guard((/** @type {any} */ action) => (action.type === 'next' ? act_with_text(action) : act(action))),
        close: guard(() => close_by_shopper()),
        submit: guard(() => act_with_text({ type: 'submit' })),
        consent: guard((ok) => act({ type: 'consent', value: ok })),
      },
      { later, clearTimer: clear_timer, now: () => Date.now(), debounceMs: TEXT_DEBOUNCE_MS },
    );
    const drawn = card.render(view);
    root.append(card.el);
    if (modal) return_focus = deepActive();
    target.append(host);
    if (options.position !== 'inline') stop_viewport = followViewport(/** @type {HTMLElement} */ (card.el));
    if (drawn && !marked && typeof performance !== 'undefined' && performance.mark) {
      marked = true;
      performance.mark(READY_MARK);
    }
    if (modal) {
      // A keyboard user gets the first control; a modal nobody tabbed towards (a timer, a tap on
      // a phone) focuses its title, which draws no focus ring on "0" (issue 20).
      let keyboard = true;
      try {
        keyboard = !!return_focus && return_focus.matches(':focus-visible');
      } catch (_) {
        // A browser without :focus-visible: the first control, as before.
      }
      if (keyboard) card.focusFirst();
      else card.focusTitle();
    }
    emitter.emit('shown', { surveyId, responseId: session_options.responseId });
    // focusin is composed: it leaves the shadow root and reaches the host element.
    host.addEventListener('focusin', ensure_text, { once: true });
    if (!modal) {
      // A keyboard user who Tabs into a floating or inline card and closes it (Esc, ×) goes back
      // where they came from, not to the top of the page.
      const shown_host = host;
      host.addEventListener('focusin', (ev) => {
        const from = /** @type {FocusEvent} */ (ev).relatedTarget;
        if (from instanceof Element && !shown_host.contains(from) && from !== shown_host) return_focus = from;
      });
    }
  }

  /** @returns {Element | null} where the host element goes */
  function resolve_target() {
    const t = placementTarget(options.position, options.target);
    if (!t) fail(error_detail('options.invalid', `position 'inline' needs a target element (target: ${String(options.target)})`));
    return t;
  }

  /**
   * Hands one action to the core and reacts to the result (no survey logic here). When the view
   * then asks for a comment analysis and pepite-text.wasm is there, its result goes to the core
   * right after (`{ type: 'analysis' }` alone sends only that), before anything is drawn or sent.
   * @param {any} action
   */
  function act(action) {
    if (!session) return null;
    const analysis = action.type === 'analysis';
    const shopper = !analysis && action.type !== 'locale' && action.type !== 'properties';
    if (shopper) ensure_text();
    /** @type {any} */
    let result = analysis ? { ok: true, errors: [], view, payload: null, score: null } : session.act(Object.assign({}, action, { at: action.at || Date.now() }));
    if (!result) return null;
    const analyse = texts.analyser();
    const asked = result.ok && analyse && result.view && result.view.analysis;
    const reply = asked && analyse ? analysisAction(analyse, asked) : null;
    if (reply) {
      const analysed = session.act(reply);
      if (analysed && analysed.ok) {
        // The payload to send is the one with the analysis (same answers, same time).
        result = Object.assign({}, result, { view: analysed.view, score: analysed.score || result.score, payload: result.payload && session.payload() });
      } else if (analysed) report(analysed.errors);
    }
    if (result.view) view = result.view;
    warn_all(result.warnings);
    if (!result.ok) report(result.errors);
    const finished = view && view.state === 'finished';
    if (card && host) {
      card.render(view);
      if (!result.ok && (action.type === 'submit' || action.type === 'next')) card.focusError();
      else if (finished && action.type === 'submit') card.focusTitle();
      // A new step replaces the questions: take focus to its first one (display: steps).
      else if (result.ok && (action.type === 'next' || action.type === 'back')) card.focusFirst();
    }
    if (result.ok && (action.type === 'answer' || action.type === 'clear')) {
      emitter.emit('answer', { questionId: action.question, value: action.value, otherText: action.otherText });
    }
    const score = result.score ? toJson(result.score) : '';
    if (score && score !== last_score) {
      last_score = score;
      emitter.emit('score', result.score);
    }
    if (result.payload) {
      remember(seen, surveyId, options.properties.orderId, 'answered', Date.now());
      eligibility = { eligible: false, reason: 'answered' };
      if (result.payload.status === 'complete') emitter.emit('submit', result.payload);
      ensure_delivery();
      if (delivery) Promise.resolve(delivery.send(result.payload)).catch((err) => fail(error_detail('delivery.failed', String(err))));
    }
    return result;
  }

  /**
   * The core's errors as an `error` event; missing required answers are shown in the card instead.
   * @param {any} errors
   */
  function report(errors) {
    const other = (Array.isArray(errors) ? errors : []).filter((e) => e.code !== 'answer.required');
    if (other.length) fail(error_detail(other[0].code, other[0].message, { path: other[0].path, errors: other }));
  }

  /** Close button / Esc: a dismissal before the end, a plain close after the thank-you. */
  function close_by_shopper() {
    if (!session) return;
    const finished = view && view.state === 'finished';
    if (!finished) {
      act({ type: 'dismiss' });
      remember(seen, surveyId, options.properties.orderId, 'dismissed', Date.now());
      if (eligibility.reason !== 'answered') eligibility = { eligible: false, reason: 'dismissed' };
      emitter.emit('dismiss', { surveyId, responseId: session_options.responseId });
    }
    remove_card();
    drop_session();
    emitter.emit('close', { surveyId, reason: finished ? 'done' : 'dismiss' });
  }

  function remove_card() {
    if (stop_viewport) stop_viewport();
    stop_viewport = null;
    if (card) card.flush();
    // Focus goes back only if it was in the card (a card closed by the host page's hide() while
    // the shopper types elsewhere leaves their focus alone).
    const had_focus = !!host && (document.activeElement === host || host.contains(document.activeElement));
    if (host) host.remove();
    host = null;
    card = null;
    const back = return_focus;
    return_focus = null;
    if (had_focus && back && /** @type {any} */ (back).isConnected && typeof (/** @type {any} */ (back).focus) === 'function') {
      /** @type {HTMLElement} */ (back).focus();
    }
  }

  function drop_session() {
    if (session) session.destroy();
    session = null;
    view = null;
    last_score = '';
  }

  constructing = false;
  const widget = {
    /** Resolves when the survey and core are loaded (or failed: see the `error` event). */
    ready: ready.then(() => undefined),
    /**
     * Shows the card now (cancels a pending delayed show). Respects "not asked twice" unless
     * `{ force: true }`. Resolves to whether the card is on screen.
     * @param {{ force?: boolean }} [opts]
     */
    show(opts) {
      hidden_by_host = false;
      return ready.then(async () => {
        if (destroyed || failed) return false;
        cancel_pending();
        // Asked again now: another tab of the same order may have answered since `ready`.
        if (!host && surveyId && !resumable) eligibility = eligible_now();
        // A card hidden by hide() in the middle of the survey comes back with its answers.
        if (!host && !eligibility.eligible && !resumable && !(opts && opts.force)) return false;
        resumable = false;
        if (!host && !Module && !(await start_core())) return false;
        return guard(() => {
          open();
          return !!host;
        })();
      }).catch((err) => {
        fail(error_detail('widget.internal', String(err)));
        return false;
      });
    },
    /** Hides the card without dismissing it (and cancels a pending delayed show). */
    hide: guard(() => {
      cancel_pending();
      hidden_by_host = true;
      if (!host) return;
      resumable = !!(session && view && view.state === 'active');
      remove_card();
      emitter.emit('close', { surveyId, reason: 'hide' });
    }),
    /** Removes every node, listener and timer; the widget is unusable afterwards. */
    destroy: guard(() => {
      if (destroyed) return;
      destroyed = true;
      cancel_pending();
      if (host) remove_card();
      drop_session();
      for (const id of timers) clearTimeout(id);
      timers.clear();
      for (const d of disposers.splice(0)) guard(d)();
      if (delivery) guard(() => /** @type {any} */ (delivery).destroy())();
      delivery = null;
      emitter.clear();
    }),
    /**
     * @param {string} type
     * @param {Function} fn
     */
    on(type, fn) {
      if (!destroyed) emitter.on(type, fn);
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
        fail(error_detail('options.invalid', 'setProperties needs an object'));
        return;
      }
      const before = options.properties;
      const order = before.orderId;
      options.properties = Object.assign({}, before, props);
      // Another order: decide again whether it may be asked (issue 4: per survey + order).
      if (surveyId && options.properties.orderId !== order && !host) eligibility = eligible_now();
      // The core's own action; a refusal (over 32 KB) keeps the card, the answers and the old ones.
      const r = act({ type: 'properties', value: options.properties });
      if (r && !r.ok) options.properties = before;
    }),
    /** @param {string} locale 'auto' or a language tag */
    setLocale: guard((locale) => {
      const before = options.locale;
      options.locale = typeof locale === 'string' && locale ? locale : 'auto';
      const r = act({ type: 'locale', value: chooseLocale(options.locale) });
      if (r && !r.ok) options.locale = before;
      else follow_ui_pack();
    }),
  };
  return widget;
}

/**
 * Creates a widget and resolves with it once loaded. Never rejects: failures are `error` events
 * (pass `on: { error }` to hear those of the loading itself).
 * @param {Record<string, any>} options
 */
export function init(options) {
  const w = createWidget(options);
  return w.ready.then(() => w);
}
