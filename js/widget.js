// The Widget: loads survey and core, decides eligibility, shows the card, relays events; never throws out.

import { LOG_PREFIX, OUTBOX_NAMESPACE, SAMPLE_NAMESPACE, SEEN_NAMESPACE, TEXT_WASM_FILE, WASM_FILE } from './constants.js';
import { createStage } from './card-stage.js';
import { loadDefinition, normalizeOptions, surveyIdNow } from './config.js';
import { loadCore } from './core.js';
import { createDelivery } from './delivery.js';
import { createEligibility, remember } from './eligibility.js';
import { describe as reason, errorDetail as error_detail, warnAll } from './errors.js';
import { createEmitter } from './events.js';
import { chooseLocale } from './i18n-locale.js';
import { newResponseId, newSenderKey } from './ids.js';
import { watchPage } from './navigation.js';
import { createStorage } from './storage.js';
import { prepareStyles } from './styles.js';
import { createTextGate, createTextLoader } from './text.js';
import { createRun } from './survey-run.js';
import { createShowTimer } from './show-timer.js';
import { createUiStrings } from './ui-strings.js';

/** Default wasm URL when neither options nor the loader gave one. */
let default_wasm_url = WASM_FILE;
/** The page a widget created now is for, when not the address now (see setFirstPage). */
let first_page = '';
/**
 * Widgets created until the next call are for this page ('' = the address when each is created):
 * the script tag replays the calls queued before it ran with the address they were made at.
 * @param {string} url
 */
export function setFirstPage(url) {
  first_page = url;
}

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
  /** hide() before the card showed: the automatic show is off until show() */
  let hidden_by_host = false;
  /** hide() in the middle of the survey: show() brings the card back, answers kept */
  let resumable = false;
  // The page the card is for. A single-page app that moves on (pushState to another path, before
  // the core has even loaded, or before pepite.js ran: setFirstPage) cancels the automatic show;
  // an anchor or a router re-writing the same address does not.
  const page = typeof location !== 'undefined' ? watchPage(first_page || location.href, () => shows.cancel()) : null;
  if (page) disposers.push(page.stop);

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
  const asked = createEligibility({ seen, sample: createStorage(SAMPLE_NAMESPACE, on_storage_error), options });

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
    loaded: () => analysis_awaited() && act({ type: 'analysis' }),
    failed: (err, url) => fail(error_detail('text.load_failed', `the comment analysis (${url}) could not be loaded: ${reason(err)}; typed texts are sent as typed (the collector redacts them on arrival)`)),
  });
  disposers.push(texts.destroy);
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
  /** Typed text in the current view awaits the comment analysis. */
  function analysis_awaited() {
    const view = run.view();
    return !!(view && view.analysis);
  }
  const run = createRun({ fail, analyser: texts.analyser });
  /**
   * Acts now, or, when the core says typed text awaits the comment analysis that is still
   * loading, once it has settled (a `next` or `submit` may put that text into a payload).
   * Further clicks meanwhile are ignored.
   * The card hands typed text to the core before a `next` or `submit`, which starts the load
   * if nothing else has.
   * @param {any} action
   */
  function act_with_text(action) {
    text_gate(analysis_awaited(), guard(() => {
      if (!destroyed && run.active()) act(action);
    }));
  }
  const text_gate = createTextGate(texts, {
    later,
    clearTimer: clear_timer,
    busy: (on) => {
      const card = stage.card();
      if (card) card.setBusy(on);
    },
  });


  const stage = createStage({
    options,
    handlers: {
      act: guard((/** @type {any} */ action) => (action.type === 'next' ? act_with_text(action) : act(action))),
      close: guard(() => close_by_shopper()),
      submit: guard(() => act_with_text({ type: 'submit' })),
    },
    later,
    clearTimer: clear_timer,
    noTarget: (message) => fail(error_detail('options.invalid', message)),
    shown: () => emitter.emit('shown', { surveyId, responseId: run.responseId() }),
    focused: ensure_text,
  });

  const shows = createShowTimer({
    left: () => !!page && page.left(),
    later,
    clearTimer: clear_timer,
    open,
    stillEligible: () => {
      eligibility = eligible_now();
      return eligibility.eligible;
    },
  });

  const early_id = failed ? '' : surveyIdNow(options.survey, seen.get('ids') || undefined);
  if (!failed && !(early_id && !asked.decide(early_id).eligible)) ensure_core();

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

  /** UI strings fetched for languages the core leaves out (issue 20). */
  const ui = createUiStrings(beside_core, (detail) => fail(detail));
  const ui_strings = ui.strings;
  /**
   * When the view names a language whose strings the core lacks, fetches them and gives them to
   * the core in its own locale action: the card, if drawn, and its answers stay.
   * @returns {Promise<void>}
   */
  function follow_ui_pack() {
    const id = run.responseId();
    const view = run.view();
    return view && view.uiPack
      ? ui.fetch(view.uiPack).then((ok) => {
          if (ok && !destroyed && run.active() && run.responseId() === id) act({ type: 'locale', value: chooseLocale(options.locale), uiStrings: ui_strings });
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
    warnAll(LOG_PREFIX, report.warnings);
    const view = run.view();
    surveyId = String((view && view.surveyId) || '');
    asked.rememberId(surveyId);
    eligibility = eligible_now();
    emitter.emit('ready', { surveyId, eligible: eligibility.eligible, reason: eligibility.reason });
    if (eligibility.eligible && options.autoShow && !hidden_by_host) shows.schedule(options.delayMs);
  })().catch((err) => fail(error_detail('widget.internal', String(err)), true));
  ready.then(() => later(ensure_delivery, 0));

  /** "Not asked twice" for the current survey and order. */
  function eligible_now() {
    return asked.decide(surveyId);
  }

  /**
   * Loads the core and starts a session when `ready` skipped it (not eligible then).
   * @returns {Promise<boolean>} whether a session is ready to draw
   */
  async function start_core() {
    if (Module) return run.active() || !!start_session();
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


  /** @returns {any} the start report of a new session, or null (the error is reported) */
  function start_session() {
    return run.start(Module, definition, make_session_options());
  }

  /** Starts a session (or reuses the open one) and draws the card. */
  function open() {
    if (destroyed || failed || !Module || stage.shown()) return;
    if (document.readyState === 'loading') {
      // An async script can run before <body> exists.
      const later_open = () => open();
      document.addEventListener('DOMContentLoaded', later_open, { once: true });
      disposers.push(() => document.removeEventListener('DOMContentLoaded', later_open));
      return;
    }
    // A session started long before the card shows (delayMs, a later show()) starts again, so
    // its startedAt and duration count from the moment the shopper sees the card.
    if (run.stale(STALE_SESSION_MS)) run.drop();
    if (!run.active() && !start_session()) return;
    run.markShown();
    stage.mount(run.view());
  }

  /**
   * Hands one action to the core (js/survey-run.js) and shows, tells and sends what comes back.
   * @param {any} action
   */
  function act(action) {
    if (!run.active()) return null;
    const type = action.type;
    if (type !== 'analysis' && type !== 'locale' && type !== 'properties') ensure_text();
    const result = run.act(action);
    if (!result) return null;
    const view = run.view();
    const finished = view && view.state === 'finished';
    const card = stage.card();
    if (card) {
      card.render(view);
      if (!result.ok && (type === 'submit' || type === 'next')) card.focusError();
      else if (finished && type === 'submit') card.focusTitle();
      // A new step replaces the questions: take focus to its first one (display: steps).
      else if (result.ok && (type === 'next' || type === 'back')) card.focusFirst();
    }
    if (result.ok && (type === 'answer' || type === 'clear')) {
      emitter.emit('answer', { questionId: action.question, value: action.value, otherText: action.otherText });
    }
    if (run.newScore(result.score)) emitter.emit('score', result.score);
    if (result.payload) {
      remember(seen, surveyId, options.properties.orderId, 'answered', Date.now());
      eligibility = { eligible: false, reason: 'answered' };
      if (result.payload.status === 'complete') emitter.emit('submit', result.payload);
      ensure_delivery();
      if (delivery) Promise.resolve(delivery.send(result.payload)).catch((err) => fail(error_detail('delivery.failed', String(err))));
    }
    return result;
  }

  /** Close button / Esc: a dismissal before the end, a plain close after the thank-you. */
  function close_by_shopper() {
    if (!run.active()) return;
    const view = run.view();
    const finished = view && view.state === 'finished';
    if (!finished) {
      act({ type: 'dismiss' });
      remember(seen, surveyId, options.properties.orderId, 'dismissed', Date.now());
      if (eligibility.reason !== 'answered') eligibility = { eligible: false, reason: 'dismissed' };
      emitter.emit('dismiss', { surveyId, responseId: run.responseId() });
    }
    remove_card();
    run.drop();
    emitter.emit('close', { surveyId, reason: finished ? 'done' : 'dismiss' });
  }

  function remove_card() {
    stage.unmount();
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
        shows.cancel();
        // Asked again now: another tab of the same order may have answered since `ready`.
        if (!stage.shown() && surveyId && !resumable) eligibility = eligible_now();
        // A card hidden by hide() in the middle of the survey comes back with its answers.
        if (!stage.shown() && !eligibility.eligible && !resumable && !(opts && opts.force)) return false;
        resumable = false;
        if (!stage.shown() && !Module && !(await start_core())) return false;
        return guard(() => {
          open();
          return !!stage.shown();
        })();
      }).catch((err) => {
        fail(error_detail('widget.internal', String(err)));
        return false;
      });
    },
    /** Hides the card without dismissing it (and cancels a pending delayed show). */
    hide: guard(() => {
      shows.cancel();
      hidden_by_host = true;
      if (!stage.shown()) return;
      const view = run.view();
      resumable = !!(view && view.state === 'active');
      remove_card();
      emitter.emit('close', { surveyId, reason: 'hide' });
    }),
    /** Removes every node, listener and timer; the widget is unusable afterwards. */
    destroy: guard(() => {
      if (destroyed) return;
      destroyed = true;
      shows.cancel();
      if (stage.shown()) remove_card();
      run.drop();
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
      if (surveyId && options.properties.orderId !== order && !stage.shown()) eligibility = eligible_now();
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
