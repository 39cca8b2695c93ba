// The card in its Shadow DOM root: header, questions keyed by id, actions, thank-you screen, focus handling.

import { attr, format, h, text } from './dom.js';
import { createNps } from './nps.js';
import { createCsat } from './csat.js';
import { createCes } from './ces.js';
import { createChoice } from './choice.js';
import { createText } from './text.js';

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

/**
 * @typedef {object} CardHandlers
 * @property {(action: object) => void} act
 * @property {() => void} close the close button or Esc
 * @property {() => void} submit
 * @property {(ok: boolean) => void} consent
 */

/**
 * Builds the card inside `root` (a shadow root). Nothing is drawn until `render(view)`.
 * @param {ShadowRoot} root
 * @param {{ position: string, scheme: string, modal: boolean }} look
 * @param {CardHandlers} on
 * @param {Omit<QuestionContext, 'answer' | 'ui' | 'uid' | 'active'>} timers
 */
export function createCard(root, look, on, timers) {
  let serial = 0;
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
  const questions = h('div', { class: 'pp-questions' });
  const back = h('button', { type: 'button', class: 'pp-btn pp-btn-2', hidden: true });
  const next = h('button', { type: 'button', class: 'pp-btn', hidden: true });
  const submit = h('button', { type: 'submit', class: 'pp-btn pp-submit' });
  const actions = h('div', { class: 'pp-actions' }, [back, next, submit]);
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'pp-form', novalidate: true }, [step, questions, actions]));
  const thanks = h('div', { class: 'pp-thanks', hidden: true });
  const card = h('section', {
    class: 'pp-card',
    role: 'dialog',
    'aria-labelledby': title_id,
    'aria-modal': look.modal ? 'true' : null,
  }, [head, form, thanks]);
  const backdrop = look.modal ? h('div', { class: 'pp-backdrop', 'aria-hidden': 'true' }) : null;
  const wrap = h('div', { class: `pp-root pp-${look.position} pp-${look.scheme}`, 'data-pepite': 'card' }, [backdrop, card]);

  /** @type {Map<string, { block: QuestionBlock, type: string }>} */
  const blocks = new Map();

  close.addEventListener('click', () => on.close());
  back.addEventListener('click', () => {
    flush();
    on.act({ type: 'back' });
  });
  next.addEventListener('click', () => {
    flush();
    on.act({ type: 'next' });
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    flush();
    on.submit();
  });
  card.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      on.close();
    } else if (ev.key === 'Tab' && look.modal) trap(ev);
  });

  /** Keeps Tab inside the modal card (issue 4: focus trap). @param {KeyboardEvent} ev */
  function trap(ev) {
    const all = Array.from(card.querySelectorAll('button, input, textarea, a[href], [tabindex="0"]')).filter(
      (e) => !(/** @type {HTMLElement} */ (e).closest('[hidden]')) && e.getAttribute('tabindex') !== '-1',
    );
    if (!all.length) return;
    const first = /** @type {HTMLElement} */ (all[0]);
    const last = /** @type {HTMLElement} */ (all[all.length - 1]);
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
  }

  let locale = '';
  /** @param {any} view */
  function render_questions(view) {
    if (view.locale !== locale) {
      // setLocale: labels fixed at creation (scale names) must be rebuilt.
      for (const { block } of blocks.values()) block.el.remove();
      blocks.clear();
      locale = view.locale;
    }
    const seen = new Set();
    let previous = null;
    for (const q of Array.isArray(view.questions) ? view.questions : []) {
      const factory = FACTORIES[q.type];
      if (!factory) continue;
      seen.add(q.id);
      let entry = blocks.get(q.id);
      if (entry && entry.type !== q.type) {
        entry.block.el.remove();
        entry = undefined;
      }
      if (!entry) {
        entry = { block: factory(q, ctx), type: q.type };
        blocks.set(q.id, entry);
      } else entry.block.update(q, ui);
      // Keep DOM order = view order without moving nodes that are already in place (focus).
      const want = previous ? previous.nextSibling : questions.firstChild;
      if (want !== entry.block.el) questions.insertBefore(entry.block.el, want);
      previous = entry.block.el;
    }
    for (const [id, entry] of blocks) {
      if (!seen.has(id)) {
        entry.block.el.remove();
        blocks.delete(id);
      }
    }
  }

  /** @param {any} view */
  function render_thanks(view) {
    const t = view.thankYou || {};
    thanks.replaceChildren();
    text(title, t.title || ui.title || '');
    if (t.body) thanks.append(h('p', { class: 'pp-body', text: t.body }));
    if (t.callbackConsent) {
      const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox' }));
      box.checked = !!t.callbackConsent.value;
      box.addEventListener('change', () => on.consent(box.checked));
      thanks.append(h('label', { class: 'pp-choice' }, [box, h('span', { text: t.callbackConsent.label || '' })]));
    }
    if (t.callbackDelay) {
      const promise = format(ui.callbackPromise || '{delay}', { delay: t.callbackDelay });
      thanks.append(h('p', { class: 'pp-body', text: promise }));
    }
    if (t.link && typeof t.link.url === 'string' && /^https:\/\//i.test(t.link.url)) {
      thanks.append(h('p', { class: 'pp-actions' }, [
        h('a', { class: 'pp-btn', href: t.link.url, target: '_blank', rel: 'noopener noreferrer', text: t.link.label || t.link.url }),
      ]));
    }
    thanks.hidden = false;
    form.hidden = true;
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
      attr(close, 'aria-label', ui.close || 'Close');
      attr(close, 'title', ui.close || 'Close');
      if (view && view.state === 'finished') {
        render_thanks(view);
        return false;
      }
      text(title, ui.title || '');
      text(submit, ui.submit || 'Send');
      text(back, ui.back || 'Back');
      text(next, ui.next || 'Next');
      back.hidden = !view.canBack;
      next.hidden = !view.canNext;
      submit.hidden = view.canSubmit === false;
      const steps = Number(view.stepCount) || 1;
      step.hidden = steps < 2;
      if (steps > 1) text(step, format(ui.stepOf || '{n} / {total}', { n: Number(view.step) + 1, total: steps }));
      render_questions(view);
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
      return false;
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
  };
}
