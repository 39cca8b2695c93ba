// When the automatic show happens (issue 4; split from js/widget.js, issue 15): after the delay,
// unless the single-page shop moved on to another page first, and only if the card may still be
// shown then (another tab of the same order may have answered during the delay).

/**
 * @param {{ left: () => boolean, later: (fn: () => void, ms: number) => number, clearTimer: (id: number) => void,
 *           open: () => void, stillEligible: () => boolean }} o
 *   left: the page moved on (js/navigation.js watchPage); open: draws the card
 */
export function createShowTimer(o) {
  let pending = 0;
  function cancel() {
    if (!pending) return;
    o.clearTimer(pending);
    pending = 0;
  }
  return {
    /**
     * Shows after `ms` (now for 0) unless the page navigates first.
     * @param {number} ms
     */
    schedule(ms) {
      cancel();
      if (o.left()) return;
      if (!ms) {
        o.open();
        return;
      }
      pending = o.later(() => {
        pending = 0;
        // pushState without the Navigation API is only seen here, by the address.
        if (!o.left() && o.stillEligible()) o.open();
      }, ms);
    },
    cancel,
  };
}
