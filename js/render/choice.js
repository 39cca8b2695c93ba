// Choice question: radios (single) or checkboxes (multiple), with an optional "other" text field.

import { attr, clampCodePoints, errorLine, h, questionLabel, text } from './dom.js';

/** Option id the core uses for the "other" answer (docs/contracts.md). */
const OTHER = 'other';

/** @type {import('./card.js').QuestionFactory} */
export function createChoice(q, ctx) {
  const base = ctx.uid(q.id);
  const multiple = !!q.multiple;
  const label = questionLabel('legend', base + '-label');
  const err = errorLine(base + '-error');
  const list = h('div', { class: 'pp-choices', role: multiple ? null : 'radiogroup', 'aria-labelledby': multiple ? null : base + '-label' });
  /** @type {HTMLInputElement[]} */
  const inputs = [];
  /** @type {HTMLElement[]} */
  const names = [];
  /** A view question's options, "other" last when it has one. @param {any} v @returns {any[]} */
  const listed = (v) => (v.options || []).concat(v.other ? [{ id: OTHER, label: v.other.label }] : []);
  const options = listed(q);
  for (const o of options) {
    const input = /** @type {HTMLInputElement} */ (h('input', { type: multiple ? 'checkbox' : 'radio', name: base, value: o.id }));
    const name = h('span', { text: o.label || o.id });
    inputs.push(input);
    names.push(name);
    list.append(h('label', { class: 'pp-choice' }, [input, name]));
  }
  const other = /** @type {HTMLInputElement | null} */ (
    // No native maxlength: the core counts code points (200), maxlength UTF-16 units (100 emoji).
    q.other ? h('input', { type: 'text', class: 'pp-input', id: base + '-other', dir: 'auto', hidden: true }) : null
  );
  const el = h('fieldset', { class: 'pp-q', 'data-question': q.id }, [label.el, list, other, err.el]);
  let timer = 0;

  const send = () => {
    ctx.clearTimer(timer);
    timer = 0;
    const picked = inputs.filter((i) => i.checked).map((i) => i.value);
    /** @type {Record<string, any>} */
    const action = { type: 'answer', question: q.id, value: multiple ? picked : picked[0] };
    if (!multiple && picked.length === 0) return;
    if (multiple && picked.length === 0) {
      ctx.answer({ type: 'clear', question: q.id });
      return;
    }
    if (other && picked.includes(OTHER)) action.otherText = other.value;
    ctx.answer(action);
  };
  list.addEventListener('change', (ev) => {
    const on = inputs.some((i) => i.value === OTHER && i.checked);
    if (other) other.hidden = !on;
    send();
    // Just picked "other": the shopper wants to type it.
    const target = /** @type {HTMLInputElement} */ (ev.target);
    if (other && on && target.value === OTHER) other.focus();
  });
  if (other) {
    // The longest "other" text the core takes, in code points (the view says it).
    const other_max = q.other ? q.other.maxLength : Infinity;
    other.addEventListener('compositionend', () => clampCodePoints(other, other_max));
    other.addEventListener('input', (ev) => {
      if (!(/** @type {InputEvent} */ (ev).isComposing)) clampCodePoints(other, other_max);
      ctx.clearTimer(timer);
      timer = ctx.later(send, ctx.debounceMs);
    });
    other.addEventListener('blur', () => {
      if (timer) send();
    });
  }

  /** @param {any} v @param {any} ui */
  const update = (v, ui) => {
    label.update(v, ui);
    const value = Array.isArray(v.value) ? v.value : v.value === null || v.value === undefined ? [] : [v.value];
    const now = listed(v);
    options.forEach((/** @type {any} */ o, /** @type {number} */ j) => {
      inputs[j].checked = value.includes(o.id);
      const fresh = now.find((x) => x.id === o.id);
      text(names[j], (fresh && fresh.label) || o.label || o.id);
    });
    if (other) {
      const on = value.includes(OTHER);
      other.hidden = !on;
      attr(other, 'aria-label', (v.other && v.other.label) || OTHER);
      attr(other, 'placeholder', (ui && ui.otherPlaceholder) || null);
      if (ctx.active() !== other) other.value = v.otherText;
    }
    for (const i of inputs) attr(i, 'aria-required', !multiple && v.required ? 'true' : null);
    const has_error = err.update(v.error);
    attr(el, 'aria-describedby', has_error ? base + '-error' : null);
    attr(el, 'aria-invalid', null);
  };
  update(q, ctx.ui());
  return {
    el,
    update,
    focus() {
      (inputs.find((i) => i.checked) || inputs[0] || el).focus();
    },
    flush() {
      if (timer) send();
    },
  };
}
