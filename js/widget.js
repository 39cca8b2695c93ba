// The Widget: loads survey and core, decides eligibility, shows the card, relays events; never throws out.

import { LOG_PREFIX, SAMPLE_NAMESPACE, SEEN_NAMESPACE, TEXT_WASM_FILE, WASM_FILE } from './constants.js';
import { createStage } from './card-stage.js';
import { normalizeOptions, surveyIdNow } from './config.js';
import { createEligibility } from './eligibility.js';
import { describe as reason, errorDetail as error_detail } from './errors.js';
import { createEmitter } from './events.js';
import { watchPage } from './navigation.js';
import { createStorage } from './storage.js';
import { createTextGate, createTextLoader } from './text.js';
import { createRun } from './survey-run.js';
import { createShowTimer } from './show-timer.js';
import { createUiStrings } from './ui-strings.js';
import { widgetApi } from './widget-api.js';
import { createLazyDelivery } from './widget-delivery.js';
import { createGuard } from './widget-guard.js';
import { createLife } from './widget-life.js';
import { createCoreLoader, eligibleNow, load, open, seen } from './widget-load.js';
import { closeEarly, keep, seenEarly } from './widget-early.js';
import { act, closeByShopper } from './widget-relay.js';

/** @typedef {import('./widget-api.js').Parts} Parts */

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

/**
 * Creates a widget now; it loads in the background. Methods are safe to call at any time.
 * Its parts: js/widget-life.js (states), js/widget-load.js (loading, opening), js/widget-relay.js
 * (action → core → view → events → delivery), js/widget-api.js (the methods), js/card-stage.js;
 * here the options and the error path, then the comment analysis and the card wired to the relay
 * (`wireCard`), then the automatic show (`wireShow`).
 * @param {Record<string, any>} rawOptions see js/pepite.d.ts `InitOptions`
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, textBinary?: ArrayBuffer | Uint8Array }} [internal] for tests under Node
 */
export function createWidget(rawOptions, internal) {
  const emitter = createEmitter();
  const life = createLife();
  let constructing = true;
  const { options, problems } = normalizeOptions(rawOptions);
  if (options.on) for (const [type, fn] of Object.entries(options.on)) emitter.on(type, fn);

  /**
   * Every failure goes through here: a console warning and an `error` event (issue 4).
   * @param {any} detail
   * @param {boolean} [fatal] the widget cannot go on
   */
  function fail(detail, fatal) {
    if (fatal) life.go('fail');
    console.warn(LOG_PREFIX, `${detail.code}: ${detail.message}`);
    // During construction nobody could subscribe yet (the queue replays `on` after `init`).
    if (constructing) Promise.resolve().then(() => emitter.emit('error', detail));
    else emitter.emit('error', detail);
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
  const core = createCoreLoader(options.wasmUrl || default_wasm_url, internal && internal.wasmBinary);
  // The rest is set below: run, stage and ensureText by wireCard, shows and left by wireShow.
  const w = /** @type {Parts} */ (/** @type {Omit<Parts, 'run' | 'stage' | 'ensureText' | 'shows' | 'left'>} */ ({
    options,
    emitter,
    life,
    fail,
    guard: createGuard(fail),
    seen,
    core,
    disposers: [],
    asked: createEligibility({ seen, sample: createStorage(SAMPLE_NAMESPACE, on_storage_error), options }),
    ui: createUiStrings((file) => beside_core(core, file), fail),
    delivery: createLazyDelivery({ options, fail, emit: emitter.emit, onStorageError: on_storage_error, gone: () => life.is('destroyed') }),
    Module: null,
    definition: '',
    surveyId: '',
    eligibility: { eligible: false, reason: 'loading' },
    earlyId: '',
    early: null,
  }));
  wireCard(w, internal);
  wireShow(w);

  // The core's download and compilation start first: they are the longest part of the wait.
  // Unless "not asked twice" already says no for a survey whose id is known now: a shopper who
  // answered this order does not download the core at all (show({ force: true }) still can).
  // With an order token the survey's URL may answer with another survey (the order's "is it
  // solved?", issue 17): its id is known once loaded.
  const failed = life.is('failed');
  w.earlyId = failed ? '' : surveyIdNow(options.survey, (!options.token && seen.get('ids')) || undefined);
  if (!failed && !(w.earlyId && !w.asked.decide(w.earlyId).eligible)) core.ensure();

  const ready = load(w).catch((err) => fail(error_detail('widget.internal', String(err)), true));
  ready.then(() => w.guard.later(w.delivery.start, 0));
  constructing = false;
  return widgetApi(w, ready);
}

/**
 * The automatic show: its timer (js/show-timer.js), and the page it is for. Sets `w.shows` and
 * `w.left`. A single-page app that moves on (pushState to another path, before the core has even
 * loaded, or before pepite.js ran: setFirstPage) cancels the automatic show; an anchor or a
 * router re-writing the same address does not.
 * @param {Parts} w
 */
function wireShow(w) {
  const page = typeof location !== 'undefined' ? watchPage(first_page || location.href, () => w.shows.cancel()) : null;
  if (page) w.disposers.push(page.stop);
  w.left = () => !!page && page.left();
  w.shows = createShowTimer({
    left: w.left,
    later: w.guard.later,
    clearTimer: w.guard.clearTimer,
    open: () => open(w),
    stillEligible: () => (w.eligibility = eligibleNow(w)).eligible,
  });
}

/** A file next to the core (pepite-text.wasm, pepite-ui-de.txt). @param {{ url: string }} core @param {string} file */
function beside_core(core, file) {
  try {
    return new URL(file, new URL(core.url, document.baseURI)).href;
  } catch (_) {
    return file;
  }
}

/**
 * The comment analysis (pepite-text.wasm) and the card, wired to the relay: sets `w.run`,
 * `w.ensureText` and `w.stage`. The analysis is not needed to draw the card: it loads when the
 * shopper first answers or moves focus into the card (most never do, and download nothing more),
 * and an action that may send typed text waits for it (issue 4 size budget).
 * @param {Parts} w
 * @param {{ textBinary?: ArrayBuffer | Uint8Array }} [internal]
 */
function wireCard(w, internal) {
  const { options, fail, life } = w;
  const { guard, later, clearTimer } = w.guard;
  const texts = createTextLoader({
    url: () => options.textWasmUrl || (options.wasmUrl ? '' : default_text_url) || beside_core(w.core, TEXT_WASM_FILE),
    binary: internal && internal.textBinary,
    // Texts typed before it arrived: their analysis goes to the core now.
    loaded: () => analysis_awaited() && act(w, { type: 'analysis' }),
    failed: (err, url) => fail(error_detail('text.load_failed', `the comment analysis (${url}) could not be loaded: ${reason(err)}; typed texts are sent as typed (the collector redacts them on arrival)`)),
  });
  w.disposers.push(texts.destroy);
  w.run = createRun({ fail, analyser: texts.analyser });
  w.ensureText = () => {
    if (w.Module) texts.ensure();
  };
  /** Typed text in the current view awaits the comment analysis. */
  function analysis_awaited() {
    const view = w.run.view();
    return !!(view && view.analysis);
  }
  const text_gate = createTextGate(texts, {
    later,
    clearTimer,
    busy: (on) => {
      const card = w.stage.card();
      if (card) card.setBusy(on);
    },
  });
  /**
   * Acts now, or, when the core says typed text awaits the comment analysis that is still
   * loading, once it has settled (a `next` or `submit` may put that text into a payload).
   * Further clicks meanwhile are ignored. The card hands typed text to the core before a `next`
   * or `submit`, which starts the load if nothing else has.
   * @param {any} action
   */
  function act_with_text(action) {
    text_gate(analysis_awaited(), guard(() => {
      if (!life.is('destroyed') && w.run.active()) act(w, action);
    }));
  }
  w.stage = createStage({
    options,
    // On a card drawn before the core, the shopper's actions are kept for it (js/widget-early.js).
    handlers: {
      act: guard((/** @type {any} */ action) => keep(w, action) || (action.type === 'next' ? act_with_text(action) : act(w, action))),
      close: guard(() => closeEarly(w) || closeByShopper(w)),
      submit: guard(() => act_with_text({ type: 'submit' })),
    },
    later,
    clearTimer,
    noTarget: (message) => fail(error_detail('options.invalid', message)),
    // The shopper sees the card (js/card-stage.js). A card drawn early is `shown` once the core is
    // ready (after `ready`, as always); its session counts from now (js/widget-early.js seenEarly).
    shown: () => seenEarly(w) || seen(w),
    focused: w.ensureText,
  });
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
