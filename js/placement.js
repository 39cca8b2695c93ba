// Where the card goes on the host page and how it follows the screen: target element, focus
// lookup through shadow roots, the phone keyboard (split from js/widget.js, issue 15).

/**
 * The element the card's host goes into: `target` for an inline card (a selector or an element),
 * else the floating parent. Null when an inline card has no usable target.
 * @param {string} position
 * @param {unknown} target
 * @returns {Element | null}
 */
export function placementTarget(position, target) {
  if (position !== 'inline') return floatingParent();
  const t = typeof target === 'string' ? document.querySelector(target) : target;
  return t && typeof (/** @type {any} */ (t).append) === 'function' ? /** @type {Element} */ (t) : null;
}

/**
 * Where a floating card goes: <body>, unless the page gave <body> a transform, filter,
 * perspective or containment. Then <body> is the containing block of `position: fixed`
 * children, and the card would sit at the bottom of the page instead of the screen (QA: 2,593 px
 * down a 3,000 px page): it goes into <html> instead.
 * @returns {Element}
 */
function floatingParent() {
  const body = document.body;
  if (!body) return document.documentElement;
  const cs = getComputedStyle(body);
  const boxes =
    (cs.transform && cs.transform !== 'none') ||
    (cs.filter && cs.filter !== 'none') ||
    (cs.perspective && cs.perspective !== 'none') ||
    (cs.backdropFilter && cs.backdropFilter !== 'none') ||
    /paint|layout|strict|content/.test(cs.contain || '') ||
    /transform|filter|perspective/.test(cs.willChange || '');
  return boxes ? document.documentElement : body;
}

/** The focused element, looking into shadow roots. */
export function deepActive() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/**
 * On phones the on-screen keyboard shrinks the visual viewport, not the layout one: lifts the
 * card by the hidden part so the comment box stays visible (issue 4).
 * @param {HTMLElement} el the card
 * @returns {(() => void) | null} stops following; null where there is no visual viewport
 */
export function followViewport(el) {
  const vv = /** @type {any} */ (globalThis).visualViewport;
  if (!vv) return null;
  const update = () => {
    const hidden = Math.max(0, window.innerHeight - (vv.height + vv.offsetTop));
    // A page with `html { zoom: 1.25 }` zooms these lengths too: give them in the card's own
    // CSS pixels, or its top (title, ×) ends above the screen.
    const zoom = Number(/** @type {any} */ (el).currentCSSZoom) || 1;
    // CSSOM custom properties are allowed under a strict CSP (style attributes are not).
    el.style.setProperty('--pp-kb', `${Math.round(hidden / zoom)}px`);
    el.style.setProperty('--pp-vh', `${Math.round(vv.height / zoom)}px`);
  };
  update();
  vv.addEventListener('resize', update);
  vv.addEventListener('scroll', update);
  return () => {
    vv.removeEventListener('resize', update);
    vv.removeEventListener('scroll', update);
  };
}
