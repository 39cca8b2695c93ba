// DOM helpers for the card: elements built with attributes and textContent only, never innerHTML.

/**
 * Creates an element. `attrs` values: string (attribute), boolean (present/absent), or for `text`
 * the element's textContent. `style` is refused: inline styles break under a strict CSP.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElement}
 */
export function h(tag, attrs, children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false || k === 'style') continue;
      if (k === 'text') el.textContent = String(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  if (children) for (const c of children) if (c) el.append(c);
  return el;
}

/**
 * Sets or removes an attribute.
 * @param {Element} el
 * @param {string} name
 * @param {string | null | undefined | false} value
 */
export function attr(el, name, value) {
  if (value === null || value === undefined || value === false) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * Sets textContent only when it changed (keeps screen readers from re-reading).
 * @param {Node} el
 * @param {string} text
 */
export function text(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Fills `{name}` placeholders of a UI string from the view.
 * @param {string | undefined} template
 * @param {Record<string, string | number>} values
 * @returns {string}
 */
export function format(template, values) {
  return String(template || '').replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

/**
 * The error line of a question: a `<p>` shown when the view carries an error; `update` also
 * marks `field` (when given) invalid and described by the line.
 * @param {string} id
 * @returns {{ el: HTMLElement, update(error: { message?: string } | null | undefined, field?: Element): boolean }}
 */
export function errorLine(id) {
  // An alert: an error that appears is read out even where focus is not (issue 20).
  const el = h('p', { class: 'pp-error', id, role: 'alert', hidden: true });
  return {
    el,
    update(error, field) {
      const message = error && error.message ? error.message : '';
      text(el, message);
      el.hidden = !message;
      if (field) {
        attr(field, 'aria-describedby', message ? id : null);
        attr(field, 'aria-invalid', message ? 'true' : null);
      }
      return !!message;
    },
  };
}

/**
 * The question label with a required/optional tag from the view's UI strings.
 * @param {string} tag element name (`legend`, `label`, `div`)
 * @param {string} id
 * @returns {{ el: HTMLElement, update(q: any, ui: any): void }}
 */
export function questionLabel(tag, id) {
  const main = h('span');
  const mark = h('span', { class: 'pp-tag' });
  const el = h(tag, { class: 'pp-q-text', id }, [main, mark]);
  return {
    el,
    update(q, ui) {
      text(main, q.text || '');
      // The leading space keeps the accessible name "Question (Optional)", not "Question(Optional)".
      text(mark, q.required ? '' : ui && ui.optional ? ` (${ui.optional})` : '');
    },
  };
}

/**
 * Cuts a text field to `max` code points (the core's count) as maxlength would, which counts
 * UTF-16 units instead (500 emoji for 1000): the excess goes from just before the caret (what was
 * just typed or pasted), and the caret stays after what was kept.
 * @param {HTMLInputElement | HTMLTextAreaElement} field
 * @param {number} max
 */
export function clampCodePoints(field, max) {
  const value = field.value;
  const over = Array.from(value).length - max;
  if (over <= 0) return;
  const caret = typeof field.selectionEnd === 'number' ? field.selectionEnd : value.length;
  const head = Array.from(value.slice(0, caret));
  let tail = value.slice(caret);
  let kept = '';
  if (head.length >= over) kept = head.slice(0, head.length - over).join('');
  else tail = Array.from(tail).slice(0, max).join('');
  field.value = kept + tail;
  field.setSelectionRange(kept.length, kept.length);
}
