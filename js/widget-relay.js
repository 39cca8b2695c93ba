// The one-way relay of a widget (split from js/widget.js, issue 15): an action from the card goes
// to the core (js/survey-run.js), and what comes back is drawn, told (events) and sent; nothing
// here decides anything about the survey.

import { remember } from './eligibility.js';
import { chooseLocale } from './i18n-locale.js';

/**
 * The widget's parts the relay uses (built in js/widget.js).
 * @typedef {object} Relayed
 * @property {any} options
 * @property {ReturnType<typeof import('./survey-run.js').createRun>} run
 * @property {ReturnType<typeof import('./card-stage.js').createStage>} stage
 * @property {ReturnType<typeof import('./events.js').createEmitter>} emitter
 * @property {ReturnType<typeof import('./widget-life.js').createLife>} life
 * @property {ReturnType<typeof import('./widget-delivery.js').createLazyDelivery>} delivery
 * @property {ReturnType<typeof import('./ui-strings.js').createUiStrings>} ui
 * @property {any} seen storage of the answered and dismissed surveys
 * @property {() => void} ensureText starts loading the comment analysis
 * @property {string} surveyId
 * @property {{ eligible: boolean, reason: string }} eligibility
 */

/**
 * Hands one action to the core and shows, tells and sends what comes back.
 * @param {Relayed} w
 * @param {any} action
 * @returns {any} the core's result, null without a session
 */
export function act(w, action) {
  const run = w.run;
  if (!run.active()) return null;
  const type = action.type;
  if (type !== 'analysis' && type !== 'locale' && type !== 'properties') w.ensureText();
  const result = run.act(action);
  if (!result) return null;
  const view = run.view();
  const finished = view && view.state === 'finished';
  const card = w.stage.card();
  if (card) {
    card.render(view);
    if (!result.ok && (type === 'submit' || type === 'next')) card.focusError();
    else if (finished && type === 'submit') card.focusTitle();
    // A new step replaces the questions: take focus to its first one (display: steps).
    else if (result.ok && (type === 'next' || type === 'back')) card.focusFirst();
  }
  if (result.ok && (type === 'answer' || type === 'clear')) {
    w.emitter.emit('answer', { questionId: action.question, value: action.value, otherText: action.otherText });
  }
  if (run.newScore(result.score)) w.emitter.emit('score', result.score);
  const payload = result.payload;
  if (payload) {
    remember(w.seen, w.surveyId, w.options.properties.orderId, 'answered', Date.now());
    w.eligibility = { eligible: false, reason: 'answered' };
    if (payload.status === 'complete') w.emitter.emit('submit', payload);
    w.delivery.send(payload);
  }
  return result;
}

/**
 * Close button / Esc: a dismissal before the end, a plain close after the thank-you.
 * @param {Relayed} w
 */
export function closeByShopper(w) {
  const run = w.run;
  if (!run.active()) return;
  const view = run.view();
  const finished = view && view.state === 'finished';
  if (!finished) {
    act(w, { type: 'dismiss' });
    remember(w.seen, w.surveyId, w.options.properties.orderId, 'dismissed', Date.now());
    if (w.eligibility.reason !== 'answered') w.eligibility = { eligible: false, reason: 'dismissed' };
    w.emitter.emit('dismiss', { surveyId: w.surveyId, responseId: run.responseId() });
  }
  w.stage.unmount();
  run.drop();
  w.emitter.emit('close', { surveyId: w.surveyId, reason: finished ? 'done' : 'dismiss' });
}

/**
 * When the view names a language whose strings the core lacks, fetches them and gives them to
 * the core in its own locale action: the card, if drawn, and its answers stay (issue 20).
 * @param {Relayed} w
 * @returns {Promise<void>}
 */
export function followUiPack(w) {
  const run = w.run;
  const id = run.responseId();
  const view = run.view();
  return view && view.uiPack
    ? w.ui.fetch(view.uiPack).then((ok) => {
        if (ok && !w.life.is('destroyed') && run.active() && run.responseId() === id) {
          act(w, { type: 'locale', value: chooseLocale(w.options.locale), uiStrings: w.ui.strings });
        }
      })
    : Promise.resolve();
}
