// The card in its Shadow DOM root: header, questions keyed by id, actions, thank-you screen, focus handling.

import { attr, format, h, text } from './dom.js';
import { createNps } from './nps.js';
import { createCsat } from './csat.js';
import { createCes } from './ces.js';
import { createChoice } from './choice.js';
import { createText } from './text.js';
import { createCallback } from './callback.js';

/**
 * @typedef {object} QuestionContext
 * @property {(action: object) => void} answer hands an action to the widget (which asks the core)
 * @property {() => any} ui the current view's UI strings
 * @property {(suffix: string) => string} uid an id unique in the shadow root
 * @property {() => Element | null} active the focused element inside the shadow root
 * @property {(fn: () => void, ms: number) => number} later a timer the widget clears on destroy
 * @property {(id: number) => void} clearTimer
 * @property {() => number} now
 * @property {number} debounceMs
 */
/**
 * @typedef {object} QuestionBlock
 * @property {HTMLElement} el
 * @property {(q: any, ui: any) => void} update
 * @property {() => void} focus
 * @property {() => void} [flush] hands pending typed text to the core
 */
/** @typedef {(q: any, ctx: QuestionContext) => QuestionBlock} QuestionFactory */

/** @type {Record<string, QuestionFactory>} */
const FACTORIES = { nps: createNps, csat: createCsat, ces: createCes, choice: createChoice, text: createText };

/** Clicks on Next or Send this soon after a step change are ignored (a double-click's second click). */
const STEP_GUARD_MS = 400;

/** Numbers the ids of the page's cards (each card's ids also carry its own random prefix). */
let serial = 0;

/**
 * @typedef {object} CardHandlers
 * @property {(action: object) => void} act
 * @property {() => void} close the close button or Esc
 * @property {() => void} submit
 */

/**
 * Builds the card inside `root` (a shadow root). Nothing is drawn until `render(view)`.
 * @param {ShadowRoot} root
 * @param {{ position: string, scheme: string, modal: boolean }} look
 * @param {CardHandlers} on
 * @param {Omit<QuestionContext, 'answer' | 'ui' | 'uid' | 'active'>} timers
 */
export function createCard(root, look, on, timers) {
  /** @type {any} */
  let ui = {};
  const prefix = 'pp' + Math.random().toString(36).slice(2, 7);
  const title_id = prefix + '-title';
  /** @type {QuestionContext} */
  const ctx = Object.assign({}, timers, {
    answer: on.act,
    ui: () => ui,
    uid: (/** @type {string} */ s) => `${prefix}-${++serial}-${String(s).replace(/[^\w-]/g, '_')}`,
    active: () => root.activeElement,
  });

  const title = h('h2', { class: 'pp-title', id: title_id, tabindex: '-1' });
  const close = h('button', { type: 'button', class: 'pp-close' }, [h('span', { 'aria-hidden': 'true', text: '\u00d7' })]);
  const head = h('div', { class: 'pp-head' }, [title, close]);
  const step = h('p', { class: 'pp-step', hidden: true });
  // Says what appears without the shopper moving there: a follow-up question, the thank-you
  // (issue 20, screen readers). Polite: it waits for what is being read.
  const news = h('p', { class: 'pp-sr', role: 'status' });
  const questions = h('div', { class: 'pp-questions' });
  const back = h('button', { type: 'button', class: 'pp-btn pp-btn-2', hidden: true });
  const next = h('button', { type: 'button', class: 'pp-btn', hidden: true });
  const submit = h('button', { type: 'submit', class: 'pp-btn pp-submit' });
  const actions = h('div', { class: 'pp-actions' }, [back, next, submit]);
  // The call-back offer (issue 16), on the step before sending when the view has one.
  const callback = createCallback(ctx);
  let callback_error = false;
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'pp-form', novalidate: true }, [step, questions, callback.el, actions]));
  const thanks = h('div', { class: 'pp-thanks', hidden: true });
  const card = h('section', {
    class: 'pp-card',
    role: 'dialog',
    'aria-labelledby': title_id,
    'aria-modal': look.modal ? 'true' : null,
  }, [head, form, thanks, news]);
  const backdrop = look.modal ? h('div', { class: 'pp-backdrop', 'aria-hidden': 'true' }) : null;
  // `dir` on the root (not a CSS `direction`): the host page's direction stays out, and fields
  // with dir="auto" follow what the shopper types.
  const wrap = h('div', { class: `pp-root pp-${look.position} pp-${look.scheme}`, 'data-pepite': 'card', dir: 'ltr' }, [backdrop, card]);

  /**
   * A question's block; `alive` turns false when the block leaves the card, so a late event of
   * its old elements (the blur fired by their removal, a pending timer) hands nothing on.
   * @type {Map<string, { block: QuestionBlock, type: string, life: { alive: boolean } }>}
   */
  const blocks = new Map();
  /** setBusy: submit and next show a busy state and their clicks are ignored. */
  let busy = false;
  /** The step on screen (display: steps) and when it came (`now()`); null before the first render. */
  /** @type {number | null} */
  let shown_step = null;
  let step_at = -Infinity;
  const now = () => (typeof timers.now === 'function' ? timers.now() : Date.now());
  /**
   * A click on Next or Send right after the card moved forward a step: the second click of a
   * double-click on Next lands on the new step's Next, or on Send drawn where Next was. Ignored,
   * so a double-click moves one step (D01). Not `event.detail`: Chromium counts a quick click on
   * another button nearby (Back, then Next) as a double-click.
   */
  const too_soon = () => now() - step_at < STEP_GUARD_MS;

  close.addEventListener('click', () => on.close());
  back.addEventListener('click', () => {
    flush();
    on.act({ type: 'back' });
  });
  next.addEventListener('click', () => {
    if (busy || too_soon()) return;
    flush();
    on.act({ type: 'next' });
  });
  // Cancelling the click keeps the form from submitting.
  submit.addEventListener('click', (ev) => {
    if (too_soon()) ev.preventDefault();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    flush();
    on.submit();
  });
  // Enter in a one-line field ("Other"), a checkbox or a radio would submit the whole survey
  // (implicit submission): it moves to the next field instead.
  form.addEventListener('keydown', (ev) => {
    const t = /** @type {HTMLElement} */ (ev.target);
    if (ev.key !== 'Enter' || ev.isComposing || t.tagName !== 'INPUT' || !['text', 'checkbox', 'radio'].includes(/** @type {HTMLInputElement} */ (t).type)) return;
    ev.preventDefault();
    const all = tabbable();
    const after = all[all.indexOf(t) + 1];
    if (after) after.focus();
  });
  card.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      on.close();
    } else if (ev.key === 'Tab' && look.modal) trap(ev);
  });

  /** @returns {HTMLElement[]} the card's Tab stops, in order */
  function tabbable() {
    return /** @type {HTMLElement[]} */ (Array.from(card.querySelectorAll('button, input, textarea, a[href], [tabindex="0"]'))).filter(
      (e) => !e.closest('[hidden]') && e.getAttribute('tabindex') !== '-1' && !(/** @type {HTMLInputElement} */ (e).disabled),
    );
  }

  /** Keeps Tab inside the modal card (issue 4: focus trap). @param {KeyboardEvent} ev */
  function trap(ev) {
    const all = tabbable();
    if (!all.length) return;
    const first = all[0];
    const last = all[all.length - 1];
    const current = root.activeElement;
    if (ev.shiftKey && (current === first || !card.contains(current))) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && (current === last || !card.contains(current))) {
      ev.preventDefault();
      first.focus();
    }
  }

  function flush() {
    for (const { block } of blocks.values()) if (block.flush) block.flush();
    if (!callback.el.hidden) callback.flush();
  }

  /** @param {{ block: QuestionBlock, life: { alive: boolean } }} entry */
  function drop(entry) {
    entry.life.alive = false;
    entry.block.el.remove();
  }

  /**
   * Draws the questions; a block already on the card is updated in place (setLocale too: every
   * label is redrawn by `update`), so the focused control, the text typed and the caret stay.
   * @param {any} view @param {any[]} shown the view's questions drawn now
   */
  function render_questions(view, shown) {
    const seen = new Set();
    const first = blocks.size === 0;
    /** @type {string[]} the questions that appear, said together */
    const appeared = [];
    let previous = null;
    for (const q of shown) {
      const factory = FACTORIES[q.type];
      if (!factory) continue;
      seen.add(q.id);
      let entry = blocks.get(q.id);
      if (entry && entry.type !== q.type) {
        drop(entry);
        entry = undefined;
      }
      if (!entry) {
        const life = { alive: true };
        const answer = (/** @type {object} */ action) => {
          if (life.alive) on.act(action);
        };
        entry = { block: factory(q, Object.assign({}, ctx, { answer })), type: q.type, life };
        blocks.set(q.id, entry);
        // A follow-up shown by an answer (display: card; a new step is announced by its line).
        if (!first && !(Number(view.stepCount) > 1) && q.text) appeared.push(q.text);
      } else entry.block.update(q, ui);
      // Keep DOM order = view order without moving nodes that are already in place (focus).
      /** @type {ChildNode | null} */
      const want = previous ? previous.nextSibling : questions.firstChild;
      if (want !== entry.block.el) questions.insertBefore(entry.block.el, want);
      previous = entry.block.el;
    }
    if (appeared.length) text(news, appeared.join(' '));
    for (const [id, entry] of blocks) {
      if (!seen.has(id)) {
        drop(entry);
        blocks.delete(id);
      }
    }
  }

  /** The submit and next labels; busy adds an ellipsis. */
  function labels() {
    const mark = busy ? '\u2026' : '';
    text(submit, ui.submit + mark);
    text(next, ui.next + mark);
  }

  /** What the thank-you screen was last drawn from. */
  let thanks_drawn = '';

  /** @param {any} view */
  function render_thanks(view) {
    const t = view.thankYou || {};
    text(title, t.title || ui.title || '');
    const link = t.link && typeof t.link.url === 'string' && /^https:\/\//i.test(t.link.url) ? t.link : null;
    const drawn = JSON.stringify([t.body, t.callback, link && [link.url, link.label]]);
    if (drawn !== thanks_drawn) {
      thanks_drawn = drawn;
      thanks.replaceChildren();
      // The promise, worded as a commitment once the shopper consented before sending (issue 16).
      for (const words of [t.body, t.callback]) if (words) thanks.append(h('p', { class: 'pp-body', text: words }));
      if (link) {
        thanks.append(h('p', { class: 'pp-actions' }, [
          h('a', { class: 'pp-btn', href: link.url, target: '_blank', rel: 'noopener noreferrer', text: link.label || link.url }),
        ]));
      }
    }
    if (thanks.hidden) text(news, [title.textContent, t.body].filter(Boolean).join(' '));
    thanks.hidden = false;
    form.hidden = true;
    card.classList.add('pp-titled');
    title.classList.remove('pp-sr');
  }

  return {
    /** The node to put in the shadow root. */
    el: wrap,
    /** The card element (for measurements, CSS variables). */
    card,
    /**
     * Draws a view; returns true when questions are on screen.
     * @param {any} view
     */
    render(view) {
      ui = view && view.ui ? view.ui : {};
      // The card's language (WCAG 3.1.2): a French card on an English page is read in French.
      attr(wrap, 'lang', (view && view.locale) || null);
      // The core says which way the locale reads (issue 20): the card mirrors with it.
      attr(wrap, 'dir', (view && view.dir) || 'ltr');
      attr(close, 'aria-label', ui.close);
      attr(close, 'title', ui.close);
      if (view && view.state === 'finished') {
        render_thanks(view);
        return false;
      }
      text(title, ui.title || '');
      // No second title above the question unless the definition sets one (`showTitle`, issue
      // 19): else it is the dialog's name only.
      card.classList.toggle('pp-titled', !!view.showTitle);
      title.classList.toggle('pp-sr', !view.showTitle);
      labels();
      // The first step is the score alone (issue 19): while the first question of a one-step
      // card is a required scale without an answer, nothing could be sent, so the rest and the
      // Send button wait for the score (the card grows as far as they need). A survey in steps
      // shows one question a step already.
      const q0 = view.questions[0];
      const compact = !(view.stepCount > 1) && !!q0 && q0.required && typeof q0.min === 'number' && typeof q0.value !== 'number';
      text(back, ui.back);
      back.hidden = !view.canBack;
      next.hidden = !view.canNext || compact;
      submit.hidden = view.canSubmit === false || compact;
      const steps = view.stepCount;
      const at = view.step;
      step.hidden = steps < 2;
      if (steps > 1) text(step, format(ui.stepOf, { n: at + 1, total: steps }));
      // Forward only: Back then a quick Next is two deliberate clicks on two buttons.
      if (shown_step !== null && at > shown_step) step_at = now();
      shown_step = at;
      // The progress line is a polite live region once its first text is in: a step change is
      // announced ("Question 2 of 3"), the first render is not.
      attr(step, 'aria-live', steps > 1 ? 'polite' : null);
      attr(step, 'aria-atomic', steps > 1 ? 'true' : null);
      render_questions(view, compact ? [q0] : view.questions);
      const c = compact ? null : view.callback;
      callback.el.hidden = !c;
      callback_error = !!c && callback.update(c, ui);
      return blocks.size > 0;
    },
    /** Focuses the first question with an error; true when there was one. */
    focusError() {
      for (const { block } of blocks.values()) {
        if (block.el.querySelector('.pp-error:not([hidden])')) {
          block.focus();
          return true;
        }
      }
      if (callback_error) callback.focus();
      return callback_error;
    },
    /** Focuses the first question (modal open). */
    focusFirst() {
      const first = blocks.values().next();
      if (!first.done) first.value.block.focus();
      else title.focus();
    },
    /** Focuses the title (thank-you screen, so screen readers read it). */
    focusTitle() {
      title.focus();
    },
    flush,
    /**
     * While busy (the widget waits for the comment analysis), submit and next say so
     * (aria-busy on the form, aria-disabled and dimmed buttons, an ellipsis after their labels)
     * and the card ignores them; `false` restores them.
     * @param {boolean} flag
     */
    setBusy(flag) {
      busy = !!flag;
      attr(form, 'aria-busy', busy ? 'true' : null);
      for (const b of [submit, next]) attr(b, 'aria-disabled', busy ? 'true' : null);
      labels();
    },
  };
}
