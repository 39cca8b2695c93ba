// One shopper's run through the survey with the core (split from js/widget.js, issue 15): the
// session, its current view, the comment analysis round trip, the core's errors and warnings.
// What the widget shows or sends with the results stays in js/widget.js.

import { LOG_PREFIX } from './constants.js';
import { createSession } from './core.js';
import { errorDetail, warnAll } from './errors.js';
import { toJson } from './json.js';
import { analysisAction } from './text.js';

/**
 * @param {{ fail: (detail: any, fatal?: boolean) => void, analyser: () => ((request: string) => string) | null }} h
 *   fail: the widget's error path; analyser: pepite-text.wasm once loaded
 */
export function createRun(h) {
  /** @type {import('./core.js').CoreSession | null} */
  let session = null;
  /** @type {any} */
  let view = null;
  /** @type {any} session options of the current session */
  let options = null;
  /** whether the current session's card was seen */
  let shown = false;
  /** the last `score` event's detail, as JSON: an edited comment and its analysis may come back to it */
  let last_score = '';
  /** whether the shopper did anything in this session (an answer kept from an early card too) */
  let acted = false;

  /**
   * The core's errors as an `error` event; missing required answers and a missing or implausible
   * call-back contact (path `contact`) are shown in the card instead.
   * @param {any} errors
   */
  function report(errors) {
    const other = (Array.isArray(errors) ? errors : []).filter((e) => e.code !== 'answer.required' && e.path !== 'contact');
    if (other.length) h.fail(errorDetail(other[0].code, other[0].message, { path: other[0].path, errors: other }));
  }

  /** the session `create` made, not started yet (`begin` starts it) */
  let unstarted = false;

  function drop() {
    if (session) session.destroy();
    session = null;
    unstarted = false;
    view = null;
    last_score = '';
    acted = false;
  }

  /** A new core session in place of any other (the core reads the definition and the options). @param {any} Module @param {string} definition @param {any} sessionOptions */
  function new_session(Module, definition, sessionOptions) {
    drop();
    options = sessionOptions;
    session = createSession(Module, definition, options);
  }

  /**
   * Starts the session `create` made (this is where the core checks the definition). On failure
   * reports it (fatal when the definition itself is rejected) and answers null.
   * @returns {any} the start report `{ok, view, warnings}` or null
   */
  function begin() {
    unstarted = false;
    const r = /** @type {import('./core.js').CoreSession} */ (session).start();
    if (!r || !r.ok) {
      const errors = (r && r.errors) || [];
      const first = errors[0] || { code: 'definition.invalid', message: 'the survey definition is invalid' };
      const rejected = String(first.code || '').startsWith('definition.');
      h.fail(
        errorDetail(
          first.code || 'session.failed',
          rejected ? `survey definition rejected: ${first.message || ''}${first.path ? ` (at ${first.path})` : ''}` : String(first.message || 'the session could not start'),
          { path: first.path, errors },
        ),
        rejected,
      );
      drop();
      return null;
    }
    view = r.view;
    shown = false;
    return r;
  }

  return {
    /**
     * A new core session, started at once: `create` then `begin`.
     * @param {any} Module the core
     * @param {string} definition
     * @param {any} sessionOptions
     * @returns {any} the start report `{ok, view, warnings}` or null
     */
    start(Module, definition, sessionOptions) {
      new_session(Module, definition, sessionOptions);
      return begin();
    },

    /**
     * Hands one action to the core (no survey logic here). When the view then asks for a comment
     * analysis and pepite-text.wasm is there, its result goes to the core right after
     * (`{ type: 'analysis' }` alone sends only that), before anything is drawn or sent.
     * @param {any} action
     * @returns {any} the core's result `{ok, errors, view, payload, score}`, null without a session
     */
    act(action) {
      if (!session) return null;
      const analysis = action.type === 'analysis';
      // The host page's setLocale and setProperties are not the shopper's (and a new session takes them from the options).
      if (!analysis && action.type !== 'locale' && action.type !== 'properties') acted = true;
      /** @type {any} */
      let result = analysis ? { ok: true, errors: [], view, payload: null, score: null } : session.act(Object.assign({}, action, { at: action.at || Date.now() }));
      if (!result) return null;
      const analyse = h.analyser();
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
      warnAll(LOG_PREFIX, result.warnings);
      if (!result.ok) report(result.errors);
      return result;
    },

    /**
     * @param {any} score a result's score
     * @returns {boolean} whether it differs from the last one told (then it is the last one)
     */
    newScore(score) {
      const s = score ? toJson(score) : '';
      if (!s || s === last_score) return false;
      last_score = s;
      return true;
    },

    /**
     * The first half of `start`, for a task of its own (issue 19: the core's first session, its
     * wasm functions compiled as they are first called, was one 45-75 ms task at 4× CPU): the core
     * reads the definition and the options; `begin` starts it. Not `active` until then.
     * @param {any} Module @param {string} definition @param {any} sessionOptions
     */
    create(Module, definition, sessionOptions) {
      new_session(Module, definition, sessionOptions);
      unstarted = true;
    },
    begin,

    drop,
    /** @returns {boolean} whether a session is open */
    active: () => !!session && !unstarted,
    /** @returns {any} the current view (null without a session) */
    view: () => view,
    /** @returns {string} the responseId of the current session */
    responseId: () => (options ? options.responseId : ''),
    /**
     * A session whose startedAt is more than `ms` ago, whose card was never seen and in which the
     * shopper did nothing (its startedAt and duration must count from the moment the shopper sees
     * the card; answers kept from a card drawn early and hidden are not lost).
     * @param {number} ms
     */
    stale: (ms) => !!session && !shown && !acted && Date.now() - options.startedAt > ms,
    /** The card of this session is on screen. */
    markShown() {
      shown = true;
    },
  };
}
