// The dashboard's DOM helpers: elements by id, text and SVG elements (text is always set as
// text, never parsed as HTML), buttons with their accessible names.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** @param {string} id */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * An element with a class and text (text is always set as text, never parsed).
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {string} tag
 * @param {Record<string, string|number>} attrs
 */
export function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * @param {string} text
 * @param {string} name the accessible name (visible text first)
 * @param {string} cls
 * @param {() => void} onClick
 */
export function button(text, name, cls, onClick) {
  const b = /** @type {HTMLButtonElement} */ (el('button', `pd-button ${cls}`, text));
  b.type = 'button';
  b.setAttribute('aria-label', name);
  b.addEventListener('click', onClick);
  return b;
}
