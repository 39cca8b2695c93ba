// A rating scale drawn as a radio group of buttons (NPS, CSAT, CES): roving tabindex, arrows move, Space/Enter select.

import { attr, errorLine, h, questionLabel, text } from './dom.js';

/**
 * @typedef {object} ScaleLook
 * @property {string} className extra class of the group (`pp-nps`, `pp-stars`…)
 * @property {(value: number, q: any) => { glyph?: string, label: string }} face what a button shows
 * @property {(value: number) => Record<string, string>} [data] extra attributes of a button
 * @property {(value: number, selected: number | null) => boolean} [lit] marks `pp-on` (stars)
 */

/**
 * @param {any} q question of the view
 * @param {import('./card.js').QuestionContext} ctx
 * @param {ScaleLook} look
 * @returns {import('./card.js').QuestionBlock}
 */
export function createScale(q, ctx, look) {
  const base = ctx.uid(q.id);
  const label = questionLabel('div', base + '-label');
  const err = errorLine(base + '-error');
  // The view gives the bounds (0–10, 1–5, 1–7): no copy of them here.
  const min = q.min;
  const max = q.max;
  const group = h('div', {
    role: 'radiogroup',
    class: `pp-scale pp-n${max - min + 1} ${look.className}`,
    'aria-labelledby': base + '-label',
  });
  const low = h('span', { id: base + '-low' });
  const high = h('span', { id: base + '-high' });
  const ends = h('div', { class: 'pp-ends' }, [low, high]);
  /** @type {HTMLButtonElement[]} */
  const buttons = [];
  /** @type {HTMLElement[]} what names each button (redrawn by update: setLocale) */
  const names = [];
  for (let v = min; v <= max; v++) {
    const f = look.face(v, q);
    const b = /** @type {HTMLButtonElement} */ (
      h('button', Object.assign({ type: 'button', role: 'radio', class: 'pp-opt', 'aria-checked': 'false', tabindex: '-1', 'data-value': String(v) }, look.data ? look.data(v) : {}))
    );
    const name = f.glyph ? h('span', { class: 'pp-sr' }) : b;
    if (f.glyph) b.append(h('span', { 'aria-hidden': 'true', text: f.glyph }), name);
    names.push(name);
    buttons.push(b);
    group.append(b);
  }
  const el = h('div', { class: 'pp-q', 'data-question': q.id }, [label.el, group, ends, err.el]);
  /** @type {number | null} */
  let selected = null;

  /** The Tab stop on the i-th button. @param {number} i */
  const tab_stop = (i) => buttons.forEach((b, j) => attr(b, 'tabindex', j === i ? '0' : '-1'));
  group.addEventListener('click', (ev) => {
    const b = /** @type {Element} */ (ev.target).closest('button');
    if (!b || !group.contains(b)) return;
    ctx.answer({ type: 'answer', question: q.id, value: Number(b.getAttribute('data-value')) });
  });
  // The Tab stop follows focus (a click, or focus given back after a redraw).
  group.addEventListener('focusin', (ev) => {
    const i = buttons.indexOf(/** @type {HTMLButtonElement} */ (ev.target));
    if (i >= 0) tab_stop(i);
  });
  // Leaving the group, the Tab stop goes back to the checked button: Tab or Shift+Tab into the
  // group lands on the score given, as with native radios (WAI-ARIA radio group pattern).
  group.addEventListener('focusout', (ev) => {
    const to = /** @type {Node | null} */ (ev.relatedTarget);
    if (selected === null || (to && group.contains(to))) return;
    tab_stop(selected - min);
  });
  group.addEventListener('keydown', (ev) => {
    const i = buttons.indexOf(/** @type {HTMLButtonElement} */ (ev.target));
    if (i < 0) return;
    // Right to left, the scale runs from the right: ArrowLeft moves on to the next score.
    const ahead = getComputedStyle(group).direction === 'rtl' ? -1 : 1;
    const keys = { ArrowRight: i + ahead, ArrowDown: i + 1, ArrowLeft: i - ahead, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 };
    if (!(ev.key in keys)) return;
    ev.preventDefault();
    const n = buttons.length;
    // Wrap around like native radios; focusin moves the Tab stop.
    buttons[(/** @type {Record<string, number>} */ (keys)[ev.key] + n) % n].focus();
  });

  /** @param {any} view_q @param {any} ui */
  const update = (view_q, ui) => {
    label.update(view_q, ui);
    text(low, view_q.lowLabel || '');
    text(high, view_q.highLabel || '');
    ends.hidden = !view_q.lowLabel && !view_q.highLabel;
    // The 0 and 10 buttons are described by the end labels, so screen readers read them (issue 4).
    attr(buttons[0], 'aria-describedby', view_q.lowLabel ? base + '-low' : null);
    attr(buttons[buttons.length - 1], 'aria-describedby', view_q.highLabel ? base + '-high' : null);
    selected = typeof view_q.value === 'number' ? view_q.value : null;
    const focused = buttons.findIndex((b) => ctx.active() === b);
    const checked = selected === null ? -1 : selected - min;
    const tab = focused >= 0 ? focused : checked >= 0 ? checked : 0;
    buttons.forEach((b, j) => {
      const v = min + j;
      text(names[j], look.face(v, view_q).label);
      attr(b, 'aria-checked', v === selected ? 'true' : 'false');
      attr(b, 'tabindex', j === tab ? '0' : '-1');
      if (look.lit) b.classList.toggle('pp-on', look.lit(v, selected));
    });
    attr(group, 'aria-required', view_q.required ? 'true' : null);
    err.update(view_q.error, group);
  };
  update(q, ctx.ui());
  return {
    el,
    update,
    focus() {
      const t = buttons.find((b) => b.getAttribute('tabindex') === '0') || buttons[0];
      t.focus();
    },
  };
}
