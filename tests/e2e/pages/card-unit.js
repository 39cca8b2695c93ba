// card-unit.html: draws the card from the js/render/ sources with a hand-made view; records what the card hands on.
import { createCard } from '/js/render/card.js';
import { applyStyles } from '/js/styles.js';

const w = /** @type {any} */ (window);
/** @type {string[]} */
w.__calls = [];
const host = document.createElement('div');
host.id = 'card-host';
const root = host.attachShadow({ mode: 'open' });
applyStyles(root, {}, /** @type {Element} */ (document.querySelector('main')));
const card = createCard(
  root,
  { position: 'inline', scheme: 'light', modal: false },
  {
    act: (/** @type {any} */ a) => w.__calls.push(a.type),
    close: () => w.__calls.push('close'),
    submit: () => w.__calls.push('submit'),
  },
  { later: (fn, ms) => setTimeout(fn, ms), clearTimer: (id) => clearTimeout(id), now: () => Date.now(), debounceMs: 250 },
);
w.__view = {
  surveyId: 'unit', locale: 'en', state: 'active', step: 0, stepCount: 2,
  canBack: false, canNext: true, canSubmit: true,
  questions: [{ id: 'comment', type: 'text', text: 'Anything to add?', required: false, maxLength: 1000, value: '', error: null }],
  ui: { submit: 'Send', next: 'Next', back: 'Back', close: 'Close', title: 'Your opinion', optional: 'optional', charCount: '{n} / {max}', stepOf: '{n} / {total}' },
};
root.append(card.el);
/** @type {HTMLElement} */ (document.querySelector('main')).append(host);
card.render(w.__view);
w.__card = card;
