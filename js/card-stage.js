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
 * @property {() => void} shown the shopper can see the card: at once for a floating or modal card;
 *   an inline one (the shop's target, or in the page's flow on a small screen: js/placement.js) once
 *   half of it is on the screen (half the screen, for a taller card), focus goes into it, or the
 *   shopper touches it (`see`); said once a mount
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
  /** @type {IntersectionObserver | null} */
  let watching = null;
  /** whether the shopper has seen the card on the page now */
  let seen = false;

  /** The shopper sees the card: `shown`, once a mount. */
  function see() {
    if (seen || !host) return;
    seen = true;
    stop_watching();
    o.shown();
  }

  function stop_watching() {
    if (watching) watching.disconnect();
    watching = null;
  }

  /**
   * An inline card may be drawn below the fold (a tall order page, a small phone): it is seen once
   * half of it is on the screen, or half the screen for a card taller than that.
   * @param {HTMLElement} box the card box
   */
  function watch(box) {
    if (typeof IntersectionObserver !== 'function') return see();
    watching = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const screen = e.rootBounds ? e.rootBounds.height : innerHeight;
          if (e.isIntersecting && (e.intersectionRatio >= 0.5 || e.intersectionRect.height >= screen / 2)) see();
        }
      },
      { threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    watching.observe(box);
  }

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
    // Acting on the card is seeing it: `see` first (an inline card below the fold clicked by a
    // script or a screen reader; its session may start again, js/widget-load.js seen).
    const h = o.handlers;
    const handlers = {
      act: (/** @type {any} */ action) => (see(), h.act(action)),
      close: () => (see(), h.close()),
      submit: () => (see(), h.submit()),
    };
    card = createCard(root, { position: options.position, scheme: applyStyles(root, options.theme, target), modal }, handlers, {
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
    // focusin is composed: it leaves the shadow root and reaches the host element.
    host.addEventListener('focusin', o.focused, { once: true });
    seen = false;
    if (options.position === 'inline' || card.el.classList.contains('pp-inline')) {
      host.addEventListener('focusin', see);
      host.addEventListener('pointerdown', see);
      watch(/** @type {HTMLElement} */ (card.card));
    } else see();
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
    stop_watching();
    seen = false;
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
    /** @returns {boolean} whether the shopper has seen the card on the page (see `shown` above) */
    seen: () => seen,
  };
}
