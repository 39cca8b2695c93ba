// A widget's life as named states, every transition in one table (issue 15).
//
//   loading ──early──▶ early ──ready──▶ ready        early: a first view computed ahead of time
//      └───────────ready──────────────▶ ready         is on screen, the core is not (issue 19)
//   loading | early | ready ──fail──▶ failed         fatal: bad options, definition or core
//   any ──destroy──▶ destroyed
//
// And what the host page asked of the card: 'auto' (the automatic show may happen), 'held'
// (hide() before it showed: no automatic show until show()), 'resumable' (hide() in the middle of
// the survey: show() brings it back with its answers).

/** @typedef {'loading' | 'early' | 'ready' | 'failed' | 'destroyed'} LifeState */

/** @type {Record<LifeState, Record<string, LifeState>>} */
const LIFE = {
  loading: { early: 'early', ready: 'ready', fail: 'failed', destroy: 'destroyed' },
  early: { ready: 'ready', fail: 'failed', destroy: 'destroyed' },
  ready: { fail: 'failed', destroy: 'destroyed' },
  failed: { destroy: 'destroyed' },
  destroyed: {},
};

export function createLife() {
  /** @type {LifeState} */
  let state = 'loading';
  /** @type {'auto' | 'held' | 'resumable'} */
  let hold = 'auto';
  return {
    /** @param {LifeState} s */
    is: (s) => state === s,
    /**
     * @param {'early' | 'ready' | 'fail' | 'destroy'} event
     * @returns {boolean} whether it moved (no transition from here: it stays)
     */
    go(event) {
      const to = LIFE[state][event];
      if (to) state = to;
      return !!to;
    },
    /** @returns {boolean} failed or destroyed: nothing more happens */
    over: () => state === 'failed' || state === 'destroyed',
    hold: () => hold,
    /** show(): the automatic show is allowed again; a resumable card stays so until it shows. */
    show() {
      if (hold === 'held') hold = 'auto';
    },
    /** The card came back (or show() went past the resumable check). */
    resumed() {
      hold = 'auto';
    },
    /** @param {boolean | null} midSurvey hide() on a card in the middle of the survey; null: no card */
    hide(midSurvey) {
      hold = midSurvey || (midSurvey === null && hold === 'resumable') ? 'resumable' : 'held';
    },
  };
}
