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
  // A property the browser lacks reads undefined: not a box, and "undefined" matches no pattern.
  const boxes =
    [cs.transform, cs.filter, cs.perspective, cs.backdropFilter].some((v) => v && v != 'none') ||
    /paint|layout|strict|content/.test(cs.contain) ||
    /transform|filter|perspective/.test(cs.willChange);
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

/**
 * Keeps a floating card off the page's main heading (`h1`), its tables' footers (`tfoot`, where
 * order pages put the total: Bootstrap, Bulma… pages of widget-frameworks.test.js) and the
 * elements the shop names (`keepClear`, CSS selectors; issue 19). Tries the corners (the bottom or top edge on a phone),
 * the shop's position first, and measures the room each leaves between its screen edge and the
 * nearest of those elements in the card's column; a card taller than that room is capped to it
 * (150 px at least) and scrolls inside. The first place where the card covers none of them wins,
 * else the one where it covers the least area. Checked again when the window is resized or scrolled and when the card's
 * content grows (an answer shows the follow-up).
 * When the card appears and no place leaves them all clear (a 320 × 568 phone: a fixed navbar
 * and the heading fill the top, the total sits in the bottom third), it goes into the page
 * instead, after the lowest table or named element (the order summary), as an inline card: it
 * covers nothing, and the shopper reaches it by scrolling on past the total. It stays there.
 * @param {HTMLElement} wrap the card's root element (carries `pp-left`, `pp-top`, `--pp-room`)
 * @param {HTMLElement} card the card box
 * @param {string} position the `position` option
 * @param {string} [keep] the `keepClear` option (config.js checked that it parses)
 * @returns {() => void} stops following
 */
export function keepClear(wrap, card, position, keep) {
  const left = position === 'bottom-left';
  // What the shop names weighs more than the rest: the card covers it last (the heading, when
  // the shop names nothing).
  const first = keep || 'h1';
  /** @param {number} i 0–3: the shop's corner, the other side, then the top edge */
  const put = (i) => {
    wrap.classList.toggle('pp-left', left !== (i % 2 > 0));
    wrap.classList.toggle('pp-top', i > 1);
  };
  // Scroll events and ResizeObserver come at most once a frame: no throttle needed.
  const check = () => {
    const els = document.querySelectorAll('h1,tfoot,' + first);
    /** @type {Array<[DOMRect, number]>} */
    const rects = Array.from(els, (e) => [e.getBoundingClientRect(), e.matches(first) ? 1e4 : 1]);
    wrap.style.removeProperty('--pp-room');
    let best = 0;
    let cap = 0;
    let least = 1e9;
    for (let i = 0; i < 4 && least; i++) {
      put(i);
      const c = card.getBoundingClientRect();
      const top = i > 1;
      // From the card's fixed edge to the screen's other edge, or to the first element in the way.
      let room = top ? innerHeight - c.top : c.bottom;
      for (const [r] of rects) {
        if (r.left < c.right && c.left < r.right && (top ? r.bottom > c.top : r.top < c.bottom)) room = Math.min(room, top ? r.top - c.top : c.bottom - r.bottom);
      }
      // The card there, capped to that room (150 px at least): what it covers.
      const height = Math.min(c.height, Math.max(room - 8, 150));
      const from = top ? c.top : c.bottom - height;
      let covered = 0;
      for (const [r, weight] of rects) covered += weight * Math.max(0, Math.min(r.right, c.right) - Math.max(r.left, c.left)) * Math.max(0, Math.min(r.bottom, from + height) - Math.max(r.top, from));
      if (covered < least) {
        least = covered;
        best = i;
        cap = height < c.height ? height : 0;
      }
    }
    /** @type {Element | null} */
    let at = null;
    // When the card first shows and every place covers something: the lowest table footer or
    // named element (not the heading), the order summary's end.
    if (least && !checked) for (const e of els) if (e.tagName != 'H1' && !(at && e.getBoundingClientRect().bottom <= at.getBoundingClientRect().bottom)) at = e;
    checked = 1;
    if (at) {
      at = at.closest('table') || at;
      // Out of a wrapper of its own (a scrolling table's), out of a flex or grid row.
      for (let p; (p = at.parentElement) && p != document.body && (p.children.length < 2 || !/^(block|flow-root)$/.test(getComputedStyle(p).display)); ) at = p;
      wrap.classList.remove('pp-left', 'pp-top');
      wrap.classList.add('pp-inline');
      at.after(/** @type {ShadowRoot} */ (wrap.getRootNode()).host);
      // A phone's column (320 px less the page's margins) is too narrow for the scale's one line:
      // the card takes the screen's width, a band ruled above and below, as wide inside as the
      // bottom sheet (CSSOM, which a strict CSP allows).
      const w = document.documentElement.clientWidth;
      const c = card.getBoundingClientRect();
      if (w < 480 && c.width < w) card.style.cssText = `margin-left:${-c.left}px;width:${w}px;max-width:none;border-width:1px 0;border-radius:0`;
      stop();
      return;
    }
    put(best);
    if (cap) wrap.style.setProperty('--pp-room', cap + 'px');
  };
  let checked = 0;
  const stop = () => {
    removeEventListener('resize', check);
    removeEventListener('scroll', check, true);
    grows.disconnect();
  };
  // The content, not the card: capping the card must not call this again.
  const grows = new ResizeObserver(check);
  check();
  if (!wrap.classList.contains('pp-inline')) {
    for (const part of card.children) grows.observe(part);
    addEventListener('resize', check);
    addEventListener('scroll', check, true);
  }
  return stop;
}
