// The card on the host page (split from js/widget.js, issue 15): its host element and shadow
// root, where it goes, the screen it follows, the focus it takes and gives back.

import { HOST_TAG, READY_MARK, TEXT_DEBOUNCE_MS } from './constants.js';
import { deepActive, followViewport, keepClear, placementTarget } from './placement.js';
import { createCard } from './render/card.js';
import { applyStyles } from './styles.js';

/** Set once per page: the first drawn question of any widget. */
let marked = false;

/**
 * @typedef {object} StageOptions
 * @property {{ position: string, target?: unknown, keepClear?: string, theme: Record<string, any> }} options the widget's (read when mounting)
 * @property {Parameters<typeof createCard>[2]} handlers the card's actions
 * @property {(fn: () => void, ms: number) => any} later
 * @property {(id: any) => void} clearTimer
 * @property {(message: string) => void} noTarget an inline card without a usable target
 * @property {() => void} shown the card is on the page (said before focus is watched)
 * @property {() => void} focused focus entered the card (the first time)
 */

/** @param {StageOptions} o */
export function createStage(o) {
  /** @type {HTMLElement | null} */
  let host = null;
  /** @type {ReturnType<typeof createCard> | null} */
  let card = null;
  /** @type {Element | null} */
  let return_focus = null;
  /** @type {(() => void) | null} */
  let stop_viewport = null;
  /** @type {(() => void) | null} */
  let stop_clear = null;

  /**
   * Draws the card for a view into the page.
   * @param {any} view
   * @returns {boolean} whether it is on the page
   */
  function mount(view) {
    const options = o.options;
    const modal = options.position === 'center';
    const target = placementTarget(options.position, options.target);
    if (!target) {
      o.noTarget(`position 'inline' needs a target element (target: ${String(options.target)})`);
      return false;
    }
    host = document.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'open' });
    card = createCard(root, { position: options.position, scheme: applyStyles(root, options.theme, target), modal }, o.handlers, {
      later: o.later,
      clearTimer: o.clearTimer,
      now: () => Date.now(),
      debounceMs: TEXT_DEBOUNCE_MS,
    });
    const drawn = card.render(view);
    root.append(card.el);
    if (modal) return_focus = deepActive();
    target.append(host);
    if (options.position !== 'inline') stop_viewport = followViewport(/** @type {HTMLElement} */ (card.el));
    if (!modal && options.position !== 'inline') stop_clear = keepClear(card.el, card.card, options.position, options.keepClear);
    if (drawn && !marked && typeof performance !== 'undefined' && performance.mark) {
      marked = true;
      performance.mark(READY_MARK);
    }
    if (modal) {
      // A keyboard user gets the first control; a modal nobody tabbed towards (a timer, a tap on
      // a phone) focuses its title, which draws no focus ring on "0" (issue 20).
      let keyboard = true;
      try {
        keyboard = !!return_focus && return_focus.matches(':focus-visible');
      } catch (_) {
        // A browser without :focus-visible: the first control, as before.
      }
      if (keyboard) card.focusFirst();
      else card.focusTitle();
    }
    o.shown();
    // focusin is composed: it leaves the shadow root and reaches the host element.
    host.addEventListener('focusin', o.focused, { once: true });
    if (!modal) {
      // A keyboard user who Tabs into a floating or inline card and closes it (Esc, ×) goes back
      // where they came from, not to the top of the page.
      const shown_host = host;
      host.addEventListener('focusin', (ev) => {
        const from = /** @type {FocusEvent} */ (ev).relatedTarget;
        if (from instanceof Element && !shown_host.contains(from) && from !== shown_host) return_focus = from;
      });
    }
    return true;
  }

  /** Takes the card off the page; focus goes back where it came from if it was in the card. */
  function unmount() {
    if (stop_viewport) stop_viewport();
    if (stop_clear) stop_clear();
    stop_viewport = stop_clear = null;
    if (card) card.flush();
    // Focus goes back only if it was in the card (a card closed by the host page's hide() while
    // the shopper types elsewhere leaves their focus alone).
    const had_focus = !!host && (document.activeElement === host || host.contains(document.activeElement));
    if (host) host.remove();
    host = null;
    card = null;
    const back = return_focus;
    return_focus = null;
    if (had_focus && back && /** @type {any} */ (back).isConnected && typeof (/** @type {any} */ (back).focus) === 'function') {
      /** @type {HTMLElement} */ (back).focus();
    }
  }

  return {
    mount,
    unmount,
    /** @returns {ReturnType<typeof createCard> | null} the card on the page */
    card: () => card,
    /** @returns {boolean} whether the card is on the page */
    shown: () => !!host,
  };
}
