// Free-text question: a textarea with a live character count (announced politely, throttled), limited in code points.

import { COUNT_ANNOUNCE_MS } from '../constants.js';
import { attr, clampCodePoints, errorLine, format, h, questionLabel, text } from './dom.js';

/** @param {string} s @returns {number} length in code points, as the core counts */
const length = (s) => Array.from(s).length;

/** @type {import('./card.js').QuestionFactory} */
export function createText(q, ctx) {
  const base = ctx.uid(q.id);
  const label = questionLabel('label', base + '-label');
  label.el.setAttribute('for', base + '-input');
  const err = errorLine(base + '-error');
  // dir="auto": a comment in Arabic or Hebrew reads right to left. No native maxlength: it
  // counts UTF-16 units (500 emoji for 1000), the limit is kept below in code points.
  const area = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: base + '-input', class: 'pp-text', rows: '3', dir: 'auto' }));
  const count = h('div', { class: 'pp-count', 'aria-hidden': 'true' });
  const live = h('div', { class: 'pp-sr', 'aria-live': 'polite', id: base + '-count' });
  const el = h('div', { class: 'pp-q', 'data-question': q.id }, [label.el, area, count, live, err.el]);
  // Both from the view (`maxLength`, `ui.charCount`), set by update() below.
  let max = 0;
  let template = '';
  let sent = q.value;
  let send_timer = 0;
  let announce_timer = 0;
  let announced_at = 0;

  const show_count = () => format(template, { n: length(area.value), max });
  /** The visible count, marked once the limit is reached. */
  const draw_count = () => {
    text(count, show_count());
    count.classList.toggle('pp-limit', length(area.value) >= max);
  };
  const clamp = () => clampCodePoints(area, max);
  const announce = () => {
    announce_timer = 0;
    announced_at = ctx.now();
    text(live, show_count());
  };
  const send = () => {
    ctx.clearTimer(send_timer);
    send_timer = 0;
    if (area.value === sent) return;
    sent = area.value;
    ctx.answer(sent ? { type: 'answer', question: q.id, value: sent } : { type: 'clear', question: q.id });
  };
  // An IME composition is cut once it is committed, not while the shopper is still choosing.
  area.addEventListener('compositionend', () => {
    clamp();
    draw_count();
  });
  area.addEventListener('input', (ev) => {
    if (!(/** @type {InputEvent} */ (ev).isComposing)) clamp();
    draw_count();
    // At most one announcement per COUNT_ANNOUNCE_MS, the last one always made.
    if (!announce_timer) {
      const wait = Math.max(0, announced_at + COUNT_ANNOUNCE_MS - ctx.now());
      announce_timer = ctx.later(announce, Math.max(wait, 400));
    }
    ctx.clearTimer(send_timer);
    send_timer = ctx.later(send, ctx.debounceMs);
  });
  area.addEventListener('blur', send);
  // The on-screen keyboard: keep the box visible (the card also follows visualViewport).
  area.addEventListener('focus', () => ctx.later(() => area.scrollIntoView({ block: 'nearest' }), 300));

  /** @param {any} v @param {any} ui */
  const update = (v, ui) => {
    label.update(v, ui);
    max = v.maxLength;
    template = ui.charCount;
    attr(area, 'placeholder', v.placeholder || null);
    attr(area, 'aria-required', v.required ? 'true' : null);
    if (ctx.active() !== area && v.value !== area.value) {
      area.value = v.value;
      sent = v.value;
    }
    draw_count();
    err.update(v.error, area);
  };
  update(q, ctx.ui());
  return {
    el,
    update,
    focus() {
      area.focus();
    },
    flush: send,
  };
}
